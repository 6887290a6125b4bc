package org.lossparity.core.result;

import java.util.List;

/**
 * What was asked for.
 *
 * @param fixtures   fixtures directory as given
 * @param engines    engines asked for (empty: all discovered)
 * @param lossFilter regular expression on loss ids (empty: all)
 */
public record RunSettings(String fixtures, List<String> engines, String lossFilter) {
    public RunSettings {
        engines = List.copyOf(engines);
        lossFilter = lossFilter == null ? "" : lossFilter;
    }
}
