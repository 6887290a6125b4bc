package org.lossparity.core.engine;

/**
 * The engine evaluates the spec in general but cannot express this particular case, for example an optional
 * input its API has no argument for, or a label value its class does not handle. {@link LossEngine#supports}
 * cannot see the inputs, so this is how an engine says "unsupported here" at evaluation time; the run records
 * it as unsupported with the message as the reason, not as an error.
 */
public class UnsupportedCaseException extends EngineException {
    public UnsupportedCaseException(String message) {
        super(message);
    }
}
