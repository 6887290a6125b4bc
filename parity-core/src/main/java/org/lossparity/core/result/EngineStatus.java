package org.lossparity.core.result;

import java.util.Optional;
import org.lossparity.core.engine.EngineIdentity;

/**
 * An engine asked for in the run.
 *
 * @param name     engine name
 * @param available whether it started
 * @param reason   why it is unavailable (empty when available)
 * @param identity library and native versions, threads, dtypes (present when available)
 */
public record EngineStatus(String name, boolean available, String reason, Optional<EngineIdentity> identity) {
    public EngineStatus {
        reason = reason == null ? "" : reason;
    }
}
