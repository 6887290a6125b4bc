package org.lossparity.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossparity.core.tensor.DType;

class HarnessOptionsTest {

    @Test
    void noArgumentsGiveTheDocumentedDefaults() {
        HarnessOptions o = HarnessOptions.parse();
        assertEquals(List.of("tensorflow", "pytorch", "djl"), o.engines());
        assertEquals(Workload.MSE_64X128, o.workload());
        assertEquals(DType.FLOAT32, o.dtype());
        assertEquals(100_000, o.evaluations());
        assertEquals(10_000, o.every());
    }

    @Test
    void acceptsSeparateAndEqualsSignValues() {
        HarnessOptions o = HarnessOptions.parse("--engines", "pytorch, reference-fast", "--workload=sparse_ce_32x1000",
                "--dtype", "float64", "--evaluations=2_000", "--every", "500");
        assertEquals(List.of("pytorch", "reference-fast"), o.engines());
        assertEquals(Workload.SPARSE_CE_32X1000, o.workload());
        assertEquals(DType.FLOAT64, o.dtype());
        assertEquals(2_000, o.evaluations());
        assertEquals(500, o.every());
    }

    @Test
    void rejectsWhatItCannotUseNamingTheOption() {
        assertMessage("unknown option '--evals'", "--evals", "5");
        assertMessage("option --every needs a value", "--every");
        assertMessage("option --evaluations needs a whole number, got 'many'", "--evaluations", "many");
        assertMessage("--evaluations must be at least 1, got 0", "--evaluations=0");
        assertMessage("--dtype must be float32 or float64, got int64", "--dtype", "int64");
        assertMessage("--engines names no engine", "--engines", " , ");
        assertMessage("unknown workload 'mse'", "--workload", "mse");
    }

    private static void assertMessage(String expectedStart, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "message was: " + e.getMessage());
    }

    @Test
    void readsKilobytesFromAStatusLine() {
        assertEquals(123_456, ProcessMemory.parseKilobytes("VmRSS:\t  123456 kB"));
        assertThrows(IllegalArgumentException.class, () -> ProcessMemory.parseKilobytes("VmRSS: 12 MB"));
    }
}
