package org.lossparity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossparity.core.result.ParityRun;
import org.lossparity.reports.json.JsonReportReader;

/** The CLI's exit codes and outputs, with the reference engine only (the suite exercises the others). */
class ParityCliTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ParityCli.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path fixtures(Path dir, String json) throws IOException {
        Path f = dir.resolve("fixtures");
        Files.createDirectories(f);
        Files.writeString(f.resolve("mse.json"), json);
        return f;
    }

    @Test
    void runWritesAReportAndExitsZeroWhenAllPass(@TempDir Path dir) throws IOException {
        Path fx = fixtures(dir, BadFixtureResilienceTest.GOOD);
        Path out = dir.resolve("out");
        Outcome o = cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out", out.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("[1/1] mse mean float64 pytorch [tiny]"), "progress on stderr: " + o.err());
        assertTrue(o.out().startsWith("PASSED: 1 cases"), o.out());
        assertTrue(Files.readString(out.resolve("report.html")).startsWith("<!DOCTYPE html>"), "report.html written");
        ParityRun run = JsonReportReader.read(out.resolve("report.json"));
        assertEquals(1, run.cases().size());
        assertEquals("mse.json", run.cases().get(0).ref().file());
    }

    @Test
    void parityFailureExitsOne(@TempDir Path dir) throws IOException {
        // The hand value is deliberately wrong (0.626 instead of 0.625): the reference disagrees with it.
        Path fx = fixtures(dir, BadFixtureResilienceTest.GOOD.replace("[0.625]", "[0.626]"));
        Outcome o = cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out", dir.resolve("o").toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("FAILURE: mse mean float64 pytorch [tiny] reference vs expected value"), o.err());
        assertTrue(o.err().contains("Mismatched elements: 1 / 1"), o.err());
    }

    @Test
    void usageAndConfigurationErrorsExitTwo(@TempDir Path dir) throws IOException {
        Path fx = fixtures(dir, BadFixtureResilienceTest.GOOD);
        assertEquals(2, cli("run", "--no-such-option").code());
        assertEquals(2, cli("run", "--fixtures", dir.resolve("missing").toString()).code());
        Outcome badRegex = cli("run", "--fixtures", fx.toString(), "--loss", "(", "--engines", "reference");
        assertEquals(2, badRegex.code());
        assertTrue(badRegex.err().contains("--loss: not a regular expression"), badRegex.err());
        Outcome unknown = cli("run", "--fixtures", fx.toString(), "--engines", "nosuch");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no engine named 'nosuch'"), unknown.err());
        Outcome nothing = cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--loss", "^kl_div$",
                "--out", dir.resolve("o").toString());
        assertEquals(2, nothing.code());
        assertEquals(2, cli("diff", dir.resolve("a.json").toString(), dir.resolve("b.json").toString()).code());
        assertEquals(2, cli().code());
    }

    @Test
    void diffPassesOnIdenticalReportsAndFailsOnARegression(@TempDir Path dir) throws IOException {
        Path fx = fixtures(dir, BadFixtureResilienceTest.GOOD);
        assertEquals(0, cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out",
                dir.resolve("a").toString()).code());
        assertEquals(0, cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out",
                dir.resolve("b").toString()).code());
        Path a = dir.resolve("a/report.json");
        Path b = dir.resolve("b/report.json");
        Outcome same = cli("diff", a.toString(), b.toString());
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("GATE PASSED"), same.out());

        // A baseline in which the comparison passed and a current report in which it fails.
        Files.writeString(fx.resolve("mse.json"), BadFixtureResilienceTest.GOOD.replace("[0.625]", "[0.626]"));
        assertEquals(1, cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out",
                dir.resolve("c").toString()).code());
        Outcome regressed = cli("diff", a.toString(), dir.resolve("c/report.json").toString());
        assertEquals(1, regressed.code(), regressed.out());
        assertTrue(regressed.out().contains("REGRESSED") && regressed.out().contains("reference vs expected value"),
                regressed.out());
    }

    @Test
    void twoRunsGiveIdenticalReportsApartFromTheRunBlock(@TempDir Path dir) throws IOException {
        Path fx = fixtures(dir, BadFixtureResilienceTest.GOOD);
        cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out", dir.resolve("a").toString());
        cli("run", "--fixtures", fx.toString(), "--engines", "reference", "--out", dir.resolve("b").toString());
        String runBlock = "(?s)\"run\" : \\{.*?\"cores\" : \\d+\\s*}\\s*},";
        String a = Files.readString(dir.resolve("a/report.json")).replaceFirst(runBlock, "");
        String b = Files.readString(dir.resolve("b/report.json")).replaceFirst(runBlock, "");
        assertEquals(a, b);
    }
}
