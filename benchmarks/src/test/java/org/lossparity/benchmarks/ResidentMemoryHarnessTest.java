package org.lossparity.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the harness for a handful of evaluations of the pure-Java engine; checks the table, never a time. */
class ResidentMemoryHarnessTest {

    @Test
    void printsOneRowPerCheckpointAndNamesAnEngineThatIsMissing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HarnessOptions options = HarnessOptions.parse("--engines", "reference-fast,no-such-engine",
                "--evaluations", "5", "--every", "2");
        boolean allRan;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            allRan = new ResidentMemoryHarness(options, out).run();
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> rows = Arrays.stream(text.split("\n")).filter(l -> l.startsWith("reference-fast ")).toList();

        // First evaluation, 2, 4, the last (5), and after closing.
        assertEquals(List.of("1", "2", "4", "5", "closed"),
                rows.stream().map(r -> r.trim().split("\\s+")[1]).toList(), text);
        assertTrue(text.contains("bit-identical to the first evaluation's"), text);
        assertTrue(text.contains("engine 'no-such-engine' is unavailable, skipped: no engine named 'no-such-engine'"),
                text);
        assertFalse(allRan, "a missing engine must make the run report failure");
    }
}
