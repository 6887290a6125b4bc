package org.lossparity.reports.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.lossparity.core.compare.ComparisonResult;
import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.result.CaseRef;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.Environment;
import org.lossparity.core.result.ErrorHistogram;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.ExpectedData;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.LoadProblem;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.RunInfo;
import org.lossparity.core.result.RunSettings;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.ParamDef;
import org.lossparity.core.spec.Params;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;

/**
 * Reads a JSON report written by {@link JsonReportWriter} back into the {@link ParityRun} it came from (for
 * {@code parity diff} and for re-rendering HTML). Numbers are read from their decimal text straight into their
 * dtype. Errors name the JSON pointer of the offending field.
 */
public final class JsonReportReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private JsonReportReader() {}

    /** Thrown for a file that is not a lossparity report of a known version. */
    public static final class ReportFormatException extends IOException {
        public ReportFormatException(String message) {
            super(message);
        }
    }

    public static ParityRun read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ReportFormatException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        try {
            return fromTree(root);
        } catch (ReportFormatException e) {
            throw new ReportFormatException(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ReportFormatException(file + ": " + e.getMessage());
        }
    }

    public static ParityRun fromJson(String json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    static ParityRun fromTree(JsonNode root) throws ReportFormatException {
        if (!JsonReportWriter.FORMAT.equals(root.path("format").asText())) {
            throw new ReportFormatException("/format: not a lossparity parity report (expected '"
                    + JsonReportWriter.FORMAT + "')");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version != JsonReportWriter.SCHEMA_VERSION) {
            throw new ReportFormatException("/schemaVersion: " + version + " is not supported (this build reads "
                    + JsonReportWriter.SCHEMA_VERSION + ")");
        }
        JsonNode run = req(root, "run", "");
        JsonNode env = req(run, "environment", "/run");
        RunInfo info = new RunInfo(text(run, "toolVersion", "/run"), Instant.parse(text(run, "timestamp", "/run")),
                new Environment(text(env, "jvm", "/run/environment"), text(env, "os", "/run/environment"),
                        text(env, "cpu", "/run/environment"), env.path("cores").asInt()));
        JsonNode s = req(root, "settings", "");
        RunSettings settings = new RunSettings(text(s, "fixtures", "/settings"), strings(s.path("engines")),
                s.path("lossFilter").asText(""));
        List<EngineStatus> engines = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.path("engines")) {
            engines.add(engine(e, "/engines/" + i++));
        }
        List<LoadProblem> problems = new ArrayList<>();
        for (JsonNode p : root.path("loadProblems")) {
            problems.add(new LoadProblem(p.path("file").asText(), p.path("pointer").asText(), p.path("message").asText()));
        }
        List<DivergenceRule> rules = new ArrayList<>();
        for (JsonNode d : root.path("divergences")) {
            rules.add(new DivergenceRule(d.path("id").asText(), d.path("title").asText(), strings(d.path("losses")),
                    d.path("pytorch").asText(), d.path("keras").asText(), d.path("condition").asText(),
                    d.path("fixtureLabel").asText(), d.path("detector").asText()));
        }
        List<KnownDefect> defects = new ArrayList<>();
        for (JsonNode d : root.path("knownDefects")) {
            defects.add(new KnownDefect(d.path("id").asText(), d.path("engine").asText(), d.path("loss").asText(),
                    d.path("reduction").asText(), d.path("dtype").asText(),
                    d.hasNonNull("caseLabel") ? Optional.of(d.get("caseLabel").asText()) : Optional.empty(),
                    d.path("quantity").asText(), d.path("djlClass").asText(), d.path("parameters").asText(),
                    d.path("computesInstead").asText(), d.path("fixture").asText()));
        }
        List<CaseResult> cases = new ArrayList<>();
        i = 0;
        for (JsonNode c : root.path("cases")) {
            cases.add(caseResult(c, "/cases/" + i++));
        }
        return new ParityRun(info, settings, engines, cases, problems, rules, defects);
    }

    private static EngineStatus engine(JsonNode e, String at) throws ReportFormatException {
        Optional<EngineIdentity> identity = Optional.empty();
        if (e.has("identity")) {
            JsonNode id = e.get("identity");
            Set<DType> dtypes = EnumSet.noneOf(DType.class);
            for (JsonNode d : id.path("dtypes")) {
                dtypes.add(DType.fromJsonName(d.asText()));
            }
            Convention own = Convention.fromJsonName(text(id, "convention", at + "/identity"));
            Set<Convention> conventions = EnumSet.of(own);
            for (JsonNode c : id.path("conventions")) {
                conventions.add(Convention.fromJsonName(c.asText()));
            }
            identity = Optional.of(new EngineIdentity(text(id, "name", at + "/identity"), own,
                    id.path("library").asText(), id.path("runtime").asText(), dtypes, id.path("threads").asInt(),
                    stringMap(id.path("details")), conventions));
        }
        return new EngineStatus(text(e, "name", at), e.path("available").asBoolean(), e.path("reason").asText(""),
                identity);
    }

    private static CaseResult caseResult(JsonNode c, String at) throws ReportFormatException {
        LossSpec spec = spec(req(c, "spec", at), at + "/spec");
        CaseRef ref = new CaseRef(text(c, "file", at), text(c, "pointer", at), text(c, "id", at), text(c, "label", at),
                text(c, "displayName", at), spec, tolerance(req(c, "tolerance", at)), c.path("fixture").asText(""),
                c.path("group").asText(""));
        Map<String, TensorData> inputs = tensorMap(c.path("inputs"), at + "/inputs");
        Optional<ExpectedData> expected = Optional.empty();
        if (c.has("expected")) {
            JsonNode x = c.get("expected");
            expected = Optional.of(new ExpectedData(
                    x.has("value") ? Optional.of(tensor(x.get("value"), at + "/expected/value")) : Optional.empty(),
                    tensorMap(x.path("gradients"), at + "/expected/gradients"), x.path("source").asText("")));
        }
        List<Evaluation> evaluations = new ArrayList<>();
        int i = 0;
        for (JsonNode e : c.path("evaluations")) {
            String eat = at + "/evaluations/" + i++;
            evaluations.add(new Evaluation(text(e, "engine", eat), Convention.fromJsonName(text(e, "convention", eat)),
                    e.has("spec") ? Optional.of(spec(e.get("spec"), eat + "/spec")) : Optional.empty(),
                    e.path("inputNote").asText(""), Evaluation.Status.fromJsonName(text(e, "status", eat)),
                    e.has("value") ? Optional.of(tensor(e.get("value"), eat + "/value")) : Optional.empty(),
                    tensorMap(e.path("gradients"), eat + "/gradients"), stringMap(e.path("notes")),
                    e.path("message").asText("")));
        }
        List<Comparison> comparisons = new ArrayList<>();
        i = 0;
        for (JsonNode m : c.path("comparisons")) {
            comparisons.add(comparison(m, at + "/comparisons/" + i++));
        }
        return new CaseResult(ref, inputs, expected, evaluations, comparisons);
    }

    private static Comparison comparison(JsonNode m, String at) throws ReportFormatException {
        Optional<ErrorHistogram> histogram = Optional.empty();
        if (m.has("histogram")) {
            List<Long> counts = new ArrayList<>();
            m.get("histogram").forEach(n -> counts.add(n.asLong()));
            histogram = Optional.of(new ErrorHistogram(counts));
        }
        Optional<ComparisonResult> detail = m.has("detail") ? Optional.of(detail(m.get("detail"), at + "/detail"))
                : Optional.empty();
        return new Comparison(ComparisonKind.fromJsonName(text(m, "kind", at)), new Quantity(text(m, "quantity", at)),
                text(m, "subject", at), text(m, "against", at), Verdict.fromJsonName(text(m, "verdict", at)), detail,
                num(m.get("ulps"), DType.FLOAT64), num(m.get("toleranceFraction"), DType.FLOAT64),
                histogram, m.path("explanation").asText(""), opt(m, "divergenceRule"), opt(m, "knownDefect"),
                opt(m, "closerToTruth"), num(m.get("subjectUlpsToTruth"), DType.FLOAT64),
                num(m.get("againstUlpsToTruth"), DType.FLOAT64), strings(m.path("regions")));
    }

    private static ComparisonResult detail(JsonNode d, String at) throws ReportFormatException {
        DType dtype = DType.fromJsonName(text(d, "dtype", at));
        return new ComparisonResult(d.path("passed").asBoolean(),
                d.hasNonNull("shapeProblem") ? d.get("shapeProblem").asText() : null, dtype,
                d.path("mismatched").asInt(), d.path("total").asInt(), num(d.get("maxAbsDiff"), DType.FLOAT64),
                d.path("maxAbsAt").asText(), num(d.get("allowedAtMaxAbs"), DType.FLOAT64),
                num(d.get("actualAtMaxAbs"), dtype), num(d.get("expectedAtMaxAbs"), dtype),
                num(d.get("maxRelDiff"), DType.FLOAT64), d.path("maxRelAt").asText(),
                num(d.get("maxUlps"), DType.FLOAT64), d.path("maxUlpsAt").asText(),
                d.hasNonNull("firstSpecialMismatch") ? d.get("firstSpecialMismatch").asText() : null,
                tolerance(req(d, "tolerance", at)), num(d.get("worstFraction"), DType.FLOAT64),
                d.path("worstFractionAt").asText());
    }

    static LossSpec spec(JsonNode s, String at) throws ReportFormatException {
        LossKind loss = LossKind.fromId(text(s, "loss", at));
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = s.path("params");
        for (ParamDef def : loss.params()) {
            JsonNode v = p.get(def.name());
            if (v == null) {
                continue;
            }
            params.put(def.name(), switch (def.type()) {
                case BOOLEAN -> v.asBoolean();
                case INTEGER -> v.asLong();
                case DOUBLE -> num(v, DType.FLOAT64);
            });
        }
        return new LossSpec(loss, Params.of(loss, params), Reduction.fromJsonName(text(s, "reduction", at)),
                SampleWeighting.fromJsonName(text(s, "weighting", at)),
                Convention.fromJsonName(text(s, "convention", at)), DType.fromJsonName(text(s, "dtype", at)));
    }

    private static Tolerance tolerance(JsonNode t) {
        return new Tolerance(num(t.get("rtol"), DType.FLOAT64), num(t.get("atol"), DType.FLOAT64),
                t.path("reason").asText(""));
    }

    static TensorData tensor(JsonNode t, String at) throws ReportFormatException {
        DType dtype = DType.fromJsonName(text(t, "dtype", at));
        JsonNode shapeNode = req(t, "shape", at);
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        JsonNode data = req(t, "data", at);
        double[] values = new double[data.size()];
        DType numbers = dtype == DType.INT64 ? DType.FLOAT64 : dtype;
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype == DType.INT64 ? data.get(i).asLong() : num(data.get(i), dtype);
        }
        return new TensorData(dtype, shape, t.path("size").asLong(), values, t.path("truncated").asBoolean(),
                num(t.get("min"), numbers), num(t.get("max"), numbers), t.path("nonFinite").asLong());
    }

    /** A number written by the writer: JSON number text parsed once into the dtype, or a special name. */
    static double num(JsonNode n, DType dtype) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isTextual()) {
            return Numbers.NEGATIVE_ZERO.equals(n.asText()) ? -0.0 : Numbers.parse(n.asText(), dtype);
        }
        String text = n.isBigDecimal() ? n.decimalValue().toString() : n.asText();
        return Numbers.parse(text, dtype == DType.INT64 ? DType.FLOAT64 : dtype);
    }

    private static Map<String, TensorData> tensorMap(JsonNode m, String at) throws ReportFormatException {
        Map<String, TensorData> out = new TreeMap<>();
        var it = m.fields();
        while (it.hasNext()) {
            var e = it.next();
            out.put(e.getKey(), tensor(e.getValue(), at + "/" + e.getKey()));
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode m) {
        Map<String, String> out = new TreeMap<>();
        m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<String> opt(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static JsonNode req(JsonNode n, String field, String at) throws ReportFormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ReportFormatException(at + "/" + field + ": missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field, String at) throws ReportFormatException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ReportFormatException(at + "/" + field + ": missing or not a string");
        }
        return v.asText();
    }
}
