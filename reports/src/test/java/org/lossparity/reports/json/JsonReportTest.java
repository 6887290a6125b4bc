package org.lossparity.reports.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.TensorData;

class JsonReportTest {

    private static JsonSchema schema() throws IOException {
        try (InputStream in = JsonReportWriter.class.getResourceAsStream("parity-report.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void writtenReportValidatesAgainstTheSchema() throws IOException {
        String json = JsonReportWriter.toJson(SampleRuns.run(Instant.parse("2026-01-02T03:04:05Z"), 0.5f));
        Set<ValidationMessage> errors = schema().validate(new ObjectMapper().readTree(json));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void readingBackGivesTheSameModelAndTheSameText() throws IOException {
        ParityRun run = SampleRuns.run(Instant.parse("2026-01-02T03:04:05Z"), 0.5000001f);
        String json = JsonReportWriter.toJson(run);
        ParityRun back = JsonReportReader.fromJson(json);
        assertEquals(json, JsonReportWriter.toJson(back));
        assertEquals(run.cases().get(0).inputs(), back.cases().get(0).inputs());
        assertEquals(run.cases().get(0).ref(), back.cases().get(0).ref());
        assertEquals(run.engines(), back.engines());
        assertEquals(run.knownDefects(), back.knownDefects());
        assertEquals(run.summary(), back.summary());
    }

    @Test
    void specialValuesSurviveBitForBit() throws IOException {
        ParityRun back = JsonReportReader.fromJson(JsonReportWriter.toJson(SampleRuns.run(Instant.EPOCH, 0.5f)));
        TensorData special = back.cases().get(0).inputs().get("prediction");
        double[] v = special.values();
        assertTrue(Double.isNaN(v[0]));
        assertEquals(Double.POSITIVE_INFINITY, v[1]);
        assertEquals(Double.NEGATIVE_INFINITY, v[2]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v[3]));
        assertEquals((double) Float.MIN_VALUE, v[4]);
        TensorData big = back.cases().get(0).inputs().get("target");
        assertTrue(big.truncated());
        assertEquals(3000, big.size());
        assertEquals(TensorData.PREVIEW_LIMIT, big.values().length);
        assertEquals(Double.POSITIVE_INFINITY, back.cases().get(0).comparisons().get(1).ulps());
    }

    @Test
    void twoRunsDifferOnlyInTheRunBlock() {
        String a = JsonReportWriter.toJson(SampleRuns.run(Instant.parse("2026-01-02T03:04:05Z"), 0.5f));
        String b = JsonReportWriter.toJson(SampleRuns.run(Instant.parse("2027-06-07T08:09:10Z"), 0.5f));
        String runBlock = "(?s)\"run\" : \\{.*?\"cores\" : \\d+\\s*}\\s*},";
        assertEquals(a.replaceFirst(runBlock, ""), b.replaceFirst(runBlock, ""));
        assertTrue(!a.equals(b));
        assertTrue(a.endsWith("}\n") && !a.contains("\r"));
    }

    @Test
    void floatNumbersUseRoundTripDigits() {
        String json = JsonReportWriter.toJson(SampleRuns.run(Instant.EPOCH, 0.1f));
        // 0.1f is 0.100000001490116...; 9 significant digits for float32.
        assertTrue(json.contains("0.100000001"), "float32 value written with 9 digits");
    }

    @Test
    void notAReportIsRejectedWithThePointer(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"format\":\"something-else\"}");
        IOException e = assertThrows(IOException.class, () -> JsonReportReader.read(f));
        assertTrue(e.getMessage().contains("/format"), e.getMessage());
        Files.writeString(f, "{not json");
        IOException e2 = assertThrows(IOException.class, () -> JsonReportReader.read(f));
        assertTrue(e2.getMessage().contains("not valid JSON"), e2.getMessage());
    }

    @Test
    void writesToAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out/report.json");
        ParityRun run = SampleRuns.run(Instant.EPOCH, 0.5f);
        JsonReportWriter.write(run, f);
        assertEquals(JsonReportWriter.toJson(run), Files.readString(f));
        assertEquals(JsonReportWriter.toJson(run), JsonReportWriter.toJson(JsonReportReader.read(f)));
    }
}
