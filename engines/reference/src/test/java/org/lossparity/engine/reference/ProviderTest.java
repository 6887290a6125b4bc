package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;

class ProviderTest {

    @Test
    void serviceLoaderFindsTheReference() {
        try (EngineRegistry registry = EngineRegistry.start(List.of("reference"), EngineConfig.of(Map.of()))) {
            assertTrue(registry.unavailable().isEmpty(), registry.unavailable().toString());
            EngineIdentity id = registry.engines().get("reference").identity();
            assertEquals("reference", id.name());
            assertEquals("lossparity reference (big-math 2.3.2)", id.library());
            assertEquals("pure Java", id.runtime());
            assertEquals(0, id.threads());
            assertEquals(Convention.PYTORCH, id.convention());
            assertEquals(java.util.EnumSet.of(Convention.PYTORCH, Convention.KERAS), id.conventions());
            assertTrue(id.dtypes().contains(DType.FLOAT32) && id.dtypes().contains(DType.FLOAT64));
        }
    }

    @Test
    void supportsEveryLossInBothConventionsButInfiniteP() {
        ReferenceEngine engine = Fixtures.engine();
        for (LossKind kind : LossKind.values()) {
            for (Convention c : Convention.values()) {
                assertTrue(engine.supports(Fixtures.spec(kind, Reduction.SUM, c, DType.FLOAT32)).supported(),
                        kind + " " + c);
            }
        }
        LossSpec infinite = Fixtures.spec(LossKind.TRIPLET_MARGIN, Reduction.SUM, Convention.PYTORCH, DType.FLOAT32,
                "p", Double.POSITIVE_INFINITY);
        assertFalse(engine.supports(infinite).supported());
    }

    @Test
    void badSettingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReferenceEngine(EngineConfig.of(Map.of(ReferenceEngine.DIGITS_KEY, "five"))));
        assertTrue(e.getMessage().contains(ReferenceEngine.DIGITS_KEY));
    }
}
