package org.lossparity.core.engine;

/** An engine cannot start on this machine (native library missing, wrong platform, ...). */
public class EngineUnavailableException extends Exception {
    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
