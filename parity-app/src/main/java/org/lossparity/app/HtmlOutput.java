package org.lossparity.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.lossparity.core.result.ParityRun;
import org.lossparity.reports.html.HtmlReport;

/** Writes report.html through the reports module's HTML renderer; a rendering failure never loses report.json. */
final class HtmlOutput {
    private HtmlOutput() {}

    /** Returns whether the HTML report was written; says why on {@code err} when not. */
    static boolean write(ParityRun run, Path file, PrintWriter err) {
        try {
            HtmlReport.write(run, file);
            return true;
        } catch (RuntimeException e) {
            err.println("parity: HTML report not written: " + e.getMessage());
            return false;
        }
    }
}
