package org.lossparity.reports.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.compare.ComparisonResult;
import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.ErrorHistogram;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.ExpectedData;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.LoadProblem;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Summary;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;

/**
 * Writes a {@link ParityRun} as the JSON report described by {@code reports/schema/parity-report.schema.json}
 * (documented in {@code reports/README.md}).
 *
 * <p>Deterministic: fields in a fixed order, lists in the model's (sorted) order, maps sorted by key, numbers as
 * {@link Numbers#format} text in the dtype they belong to (JSON numbers; NaN, Infinity, -Infinity and -0.0 as
 * those strings), LF line endings. Two runs of the same command differ only inside the {@code run} block.
 */
public final class JsonReportWriter {
    /** Version of the report format; bumped on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;
    public static final String FORMAT = "lossparity-parity-report";

    private JsonReportWriter() {}

    public static void write(ParityRun run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(run, w);
        }
    }

    public static String toJson(ParityRun run) {
        StringWriter w = new StringWriter();
        try {
            write(run, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static void write(ParityRun run, Writer out) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            writeRunInfo(g, run);
            g.writeObjectFieldStart("settings");
            g.writeStringField("fixtures", run.settings().fixtures());
            g.writeArrayFieldStart("engines");
            for (String e : run.settings().engines()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeStringField("lossFilter", run.settings().lossFilter());
            g.writeEndObject();
            writeSummary(g, run.summary());
            g.writeArrayFieldStart("engines");
            for (EngineStatus e : run.engines()) {
                writeEngine(g, e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("loadProblems");
            for (LoadProblem p : run.loadProblems()) {
                g.writeStartObject();
                g.writeStringField("file", p.file());
                g.writeStringField("pointer", p.pointer());
                g.writeStringField("message", p.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("divergences");
            for (DivergenceRule d : run.divergences()) {
                writeRule(g, d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("knownDefects");
            for (KnownDefect d : run.knownDefects()) {
                writeDefect(g, d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cases");
            for (CaseResult c : run.cases()) {
                writeCase(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeRunInfo(JsonGenerator g, ParityRun run) throws IOException {
        g.writeObjectFieldStart("run");
        g.writeStringField("toolVersion", run.info().toolVersion());
        g.writeStringField("timestamp", run.info().timestamp().toString());
        g.writeObjectFieldStart("environment");
        g.writeStringField("jvm", run.info().environment().jvm());
        g.writeStringField("os", run.info().environment().os());
        g.writeStringField("cpu", run.info().environment().cpu());
        g.writeNumberField("cores", run.info().environment().cores());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, Summary s) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeBooleanField("passed", s.passed());
        g.writeNumberField("cases", s.cases());
        g.writeNumberField("comparisons", s.comparisons());
        g.writeNumberField("loadProblems", s.loadProblems());
        g.writeObjectFieldStart("verdicts");
        for (Verdict v : Verdict.values()) {
            g.writeNumberField(v.jsonName(), s.count(v));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeEngine(JsonGenerator g, EngineStatus e) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", e.name());
        g.writeBooleanField("available", e.available());
        g.writeStringField("reason", e.reason());
        if (e.identity().isPresent()) {
            EngineIdentity id = e.identity().get();
            g.writeObjectFieldStart("identity");
            g.writeStringField("name", id.name());
            g.writeStringField("convention", id.convention().jsonName());
            g.writeArrayFieldStart("conventions");
            for (Convention c : id.conventions()) {
                g.writeString(c.jsonName());
            }
            g.writeEndArray();
            g.writeStringField("library", id.library());
            g.writeStringField("runtime", id.runtime());
            g.writeArrayFieldStart("dtypes");
            for (DType d : DType.values()) {
                if (id.dtypes().contains(d)) {
                    g.writeString(d.jsonName());
                }
            }
            g.writeEndArray();
            g.writeNumberField("threads", id.threads());
            writeStringMap(g, "details", id.details());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeRule(JsonGenerator g, DivergenceRule d) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("title", d.title());
        g.writeArrayFieldStart("losses");
        for (String l : d.losses()) {
            g.writeString(l);
        }
        g.writeEndArray();
        g.writeStringField("pytorch", d.pytorch());
        g.writeStringField("keras", d.keras());
        g.writeStringField("condition", d.condition());
        g.writeStringField("fixtureLabel", d.fixtureLabel());
        g.writeStringField("detector", d.detector());
        g.writeEndObject();
    }

    private static void writeDefect(JsonGenerator g, KnownDefect d) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("engine", d.engine());
        g.writeStringField("loss", d.loss());
        g.writeStringField("reduction", d.reduction());
        g.writeStringField("dtype", d.dtype());
        if (d.caseLabel().isPresent()) {
            g.writeStringField("caseLabel", d.caseLabel().get());
        }
        g.writeStringField("quantity", d.quantity());
        g.writeStringField("djlClass", d.djlClass());
        g.writeStringField("parameters", d.parameters());
        g.writeStringField("computesInstead", d.computesInstead());
        g.writeStringField("fixture", d.fixture());
        g.writeEndObject();
    }

    private static void writeCase(JsonGenerator g, CaseResult c) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", c.ref().file());
        g.writeStringField("pointer", c.ref().pointer());
        g.writeStringField("id", c.ref().id());
        g.writeStringField("label", c.ref().label());
        g.writeStringField("fixture", c.ref().fixture());
        g.writeStringField("group", c.ref().group());
        g.writeStringField("displayName", c.ref().displayName());
        g.writeBooleanField("passed", c.passed());
        g.writeFieldName("spec");
        writeSpec(g, c.ref().spec());
        g.writeFieldName("tolerance");
        writeTolerance(g, c.ref().tolerance());
        g.writeObjectFieldStart("inputs");
        for (Map.Entry<String, TensorData> e : c.inputs().entrySet()) {
            g.writeFieldName(e.getKey());
            writeTensor(g, e.getValue());
        }
        g.writeEndObject();
        if (c.expected().isPresent()) {
            ExpectedData x = c.expected().get();
            g.writeObjectFieldStart("expected");
            g.writeStringField("source", x.source());
            if (x.value().isPresent()) {
                g.writeFieldName("value");
                writeTensor(g, x.value().get());
            }
            writeTensorMap(g, "gradients", x.gradients());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("evaluations");
        for (Evaluation e : c.evaluations()) {
            writeEvaluation(g, e);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("comparisons");
        for (Comparison cmp : c.comparisons()) {
            writeComparison(g, cmp, c.ref().spec().dtype());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeSpec(JsonGenerator g, LossSpec s) throws IOException {
        g.writeStartObject();
        g.writeStringField("loss", s.loss().id());
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, Object> p : s.params().asMap().entrySet()) {
            Object v = p.getValue();
            if (v instanceof Boolean b) {
                g.writeBooleanField(p.getKey(), b);
            } else if (v instanceof Long l) {
                g.writeNumberField(p.getKey(), l);
            } else {
                g.writeFieldName(p.getKey());
                writeNumber(g, ((Number) v).doubleValue(), DType.FLOAT64);
            }
        }
        g.writeEndObject();
        g.writeStringField("reduction", s.reduction().jsonName());
        g.writeStringField("weighting", s.weighting().jsonName());
        g.writeStringField("convention", s.convention().jsonName());
        g.writeStringField("dtype", s.dtype().jsonName());
        g.writeStringField("displayName", s.displayName());
        g.writeEndObject();
    }

    private static void writeTolerance(JsonGenerator g, Tolerance t) throws IOException {
        g.writeStartObject();
        g.writeFieldName("rtol");
        writeNumber(g, t.rtol(), DType.FLOAT64);
        g.writeFieldName("atol");
        writeNumber(g, t.atol(), DType.FLOAT64);
        g.writeStringField("reason", t.reason());
        g.writeEndObject();
    }

    private static void writeEvaluation(JsonGenerator g, Evaluation e) throws IOException {
        g.writeStartObject();
        g.writeStringField("engine", e.engine());
        g.writeStringField("convention", e.convention().jsonName());
        g.writeStringField("key", e.key());
        g.writeStringField("status", e.status().jsonName());
        if (e.spec().isPresent()) {
            g.writeFieldName("spec");
            writeSpec(g, e.spec().get());
        }
        g.writeStringField("inputNote", e.inputNote());
        g.writeStringField("message", e.message());
        if (e.value().isPresent()) {
            g.writeFieldName("value");
            writeTensor(g, e.value().get());
        }
        writeTensorMap(g, "gradients", e.gradients());
        writeStringMap(g, "notes", e.notes());
        g.writeEndObject();
    }

    private static void writeComparison(JsonGenerator g, Comparison c, DType caseDtype) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", c.kind().jsonName());
        g.writeStringField("quantity", c.quantity().name());
        g.writeStringField("subject", c.subject());
        g.writeStringField("against", c.against());
        g.writeStringField("label", c.label());
        g.writeStringField("verdict", c.verdict().jsonName());
        g.writeFieldName("ulps");
        writeNumber(g, c.ulps(), DType.FLOAT64);
        g.writeFieldName("toleranceFraction");
        writeNumber(g, c.toleranceFraction(), DType.FLOAT64);
        g.writeStringField("explanation", c.explanation());
        writeOptional(g, "divergenceRule", c.divergenceRuleId());
        writeOptional(g, "knownDefect", c.knownDefectId());
        writeOptional(g, "closerToTruth", c.closerToTruth());
        g.writeFieldName("subjectUlpsToTruth");
        writeNumber(g, c.subjectUlpsToTruth(), DType.FLOAT64);
        g.writeFieldName("againstUlpsToTruth");
        writeNumber(g, c.againstUlpsToTruth(), DType.FLOAT64);
        g.writeArrayFieldStart("regions");
        for (String r : c.regions()) {
            g.writeString(r);
        }
        g.writeEndArray();
        if (c.histogram().isPresent()) {
            g.writeArrayFieldStart("histogram");
            for (long n : c.histogram().get().counts()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
        }
        if (c.detail().isPresent()) {
            writeDetail(g, c.detail().get());
        }
        g.writeEndObject();
    }

    private static void writeDetail(JsonGenerator g, ComparisonResult r) throws IOException {
        DType d = r.dtype();
        g.writeObjectFieldStart("detail");
        g.writeBooleanField("passed", r.passed());
        if (r.shapeProblem() != null) {
            g.writeStringField("shapeProblem", r.shapeProblem());
        }
        g.writeStringField("dtype", d.jsonName());
        g.writeNumberField("mismatched", r.mismatched());
        g.writeNumberField("total", r.total());
        g.writeFieldName("maxAbsDiff");
        writeNumber(g, r.maxAbsDiff(), DType.FLOAT64);
        g.writeStringField("maxAbsAt", r.maxAbsAt());
        g.writeFieldName("allowedAtMaxAbs");
        writeNumber(g, r.allowedAtMaxAbs(), DType.FLOAT64);
        g.writeFieldName("actualAtMaxAbs");
        writeNumber(g, r.actualAtMaxAbs(), d);
        g.writeFieldName("expectedAtMaxAbs");
        writeNumber(g, r.expectedAtMaxAbs(), d);
        g.writeFieldName("maxRelDiff");
        writeNumber(g, r.maxRelDiff(), DType.FLOAT64);
        g.writeStringField("maxRelAt", r.maxRelAt());
        g.writeFieldName("maxUlps");
        writeNumber(g, r.maxUlps(), DType.FLOAT64);
        g.writeStringField("maxUlpsAt", r.maxUlpsAt());
        g.writeFieldName("worstFraction");
        writeNumber(g, r.worstFraction(), DType.FLOAT64);
        g.writeStringField("worstFractionAt", r.worstFractionAt());
        if (r.firstSpecialMismatch() != null) {
            g.writeStringField("firstSpecialMismatch", r.firstSpecialMismatch());
        }
        g.writeFieldName("tolerance");
        writeTolerance(g, r.tolerance());
        g.writeStringField("message", r.message());
        g.writeEndObject();
    }

    private static void writeOptional(JsonGenerator g, String field, Optional<String> v) throws IOException {
        if (v.isPresent()) {
            g.writeStringField(field, v.get());
        }
    }

    private static void writeStringMap(JsonGenerator g, String field, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeTensorMap(JsonGenerator g, String field, Map<String, TensorData> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, TensorData> e : new java.util.TreeMap<>(m).entrySet()) {
            g.writeFieldName(e.getKey());
            writeTensor(g, e.getValue());
        }
        g.writeEndObject();
    }

    static void writeTensor(JsonGenerator g, TensorData t) throws IOException {
        g.writeStartObject();
        g.writeStringField("dtype", t.dtype().jsonName());
        g.writeArrayFieldStart("shape");
        for (long d : t.shape()) {
            g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeNumberField("size", t.size());
        g.writeBooleanField("truncated", t.truncated());
        g.writeFieldName("min");
        writeNumber(g, t.min(), t.dtype() == DType.INT64 ? DType.FLOAT64 : t.dtype());
        g.writeFieldName("max");
        writeNumber(g, t.max(), t.dtype() == DType.INT64 ? DType.FLOAT64 : t.dtype());
        g.writeNumberField("nonFinite", t.nonFinite());
        g.writeArrayFieldStart("data");
        double[] v = t.values();
        for (double x : v) {
            if (t.dtype() == DType.INT64) {
                g.writeNumber((long) x);
            } else {
                writeNumber(g, x, t.dtype());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A finite value as a JSON number with the dtype's round-trip digits; specials as their names. */
    static void writeNumber(JsonGenerator g, double v, DType dtype) throws IOException {
        String special = Numbers.specialName(v);
        if (special != null) {
            g.writeString(special);
        } else {
            g.writeNumber(Numbers.format(v, dtype));
        }
    }
}
