package org.lossparity.core.run;

import org.lossparity.core.result.CaseResult;

/** Told after each case; the CLI prints a line on stderr. Must not throw. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, result) -> { };

    /**
     * @param done   cases finished so far (1-based)
     * @param total  cases in the run
     * @param result the case just finished
     */
    void caseFinished(int done, int total, CaseResult result);
}
