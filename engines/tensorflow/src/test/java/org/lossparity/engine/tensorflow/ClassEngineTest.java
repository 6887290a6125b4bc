package org.lossparity.engine.tensorflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that share one engine among their tests: started before the first test of the class,
 * closed after its last, so that every class starts from a fresh engine.
 */
abstract class ClassEngineTest {

    static TensorFlowEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = EngineFixture.start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }
}
