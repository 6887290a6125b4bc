package org.lossparity.core.engine;

/** An engine failed to evaluate one case. The run records it as an error and continues. */
public class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
