package org.lossparity.reports.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.LossKind;

/**
 * The overview: one row per loss, one column per engine (against its reference) and per engine pair, each cell the
 * verdict counts and the worst ULP distance of the comparisons it covers.
 */
final class OverviewMatrix {

    /**
     * A column: a kind of comparison between two sides, by engine name ({@code expected} for the fixture's values).
     */
    record Column(ComparisonKind kind, String subject, String against) {
        String label() {
            return switch (kind) {
                case REFERENCE_VS_EXPECTED -> "reference";
                case ENGINE_VS_REFERENCE -> subject;
                case ENGINE_PAIR -> subject + " vs " + against;
            };
        }

        static Column of(Comparison c) {
            return new Column(c.kind(), c.subjectEngine(), c.againstEngine());
        }
    }

    /** The comparisons of one loss in one column. */
    static final class Cell {
        private final Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        private double worstUlps = Double.NaN;
        private Verdict worst;

        void add(Comparison c) {
            counts.merge(c.verdict(), 1, Integer::sum);
            worst = VerdictStyles.worse(worst, c.verdict());
            if (!Double.isNaN(c.ulps()) && (Double.isNaN(worstUlps) || c.ulps() > worstUlps)) {
                worstUlps = c.ulps();
            }
        }

        /** Counts by verdict, worst verdict first, zero counts left out. */
        Map<Verdict, Integer> counts() {
            Map<Verdict, Integer> ordered = new java.util.LinkedHashMap<>();
            for (Verdict v : VerdictStyles.WORST_FIRST) {
                if (counts.containsKey(v)) {
                    ordered.put(v, counts.get(v));
                }
            }
            return Collections.unmodifiableMap(ordered);
        }

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        Verdict worst() {
            return worst;
        }

        /** Greatest ULP distance over the compared quantities; NaN when nothing was compared. */
        double worstUlps() {
            return worstUlps;
        }
    }

    /** Comparisons before pairs; pytorch leads as it does in the runner's pairs, then by name. */
    private static final Comparator<String> ENGINE_ORDER =
            Comparator.comparing((String n) -> !n.equals("pytorch")).thenComparing(Comparator.naturalOrder());
    private static final Comparator<Column> COLUMN_ORDER = Comparator.comparing(Column::kind)
            .thenComparing(Column::subject, ENGINE_ORDER).thenComparing(Column::against, ENGINE_ORDER);

    private final List<LossKind> rows;
    private final List<Column> columns;
    private final Map<LossKind, Map<Column, Cell>> cells;
    private final Map<LossKind, Integer> caseCounts;

    private OverviewMatrix(List<LossKind> rows, List<Column> columns, Map<LossKind, Map<Column, Cell>> cells,
                           Map<LossKind, Integer> caseCounts) {
        this.rows = rows;
        this.columns = columns;
        this.cells = cells;
        this.caseCounts = caseCounts;
    }

    static OverviewMatrix of(ParityRun run) {
        Map<LossKind, Map<Column, Cell>> cells = new EnumMap<>(LossKind.class);
        Map<LossKind, Integer> caseCounts = new EnumMap<>(LossKind.class);
        TreeSet<Column> columns = new TreeSet<>(COLUMN_ORDER);
        for (CaseResult cr : run.cases()) {
            LossKind loss = cr.ref().spec().loss();
            caseCounts.merge(loss, 1, Integer::sum);
            Map<Column, Cell> row = cells.computeIfAbsent(loss, k -> new TreeMap<>(COLUMN_ORDER));
            for (Comparison c : cr.comparisons()) {
                Column col = Column.of(c);
                columns.add(col);
                row.computeIfAbsent(col, k -> new Cell()).add(c);
            }
        }
        return new OverviewMatrix(List.copyOf(caseCounts.keySet()), List.copyOf(columns), cells, caseCounts);
    }

    /** Losses with at least one case, in catalogue order. */
    List<LossKind> rows() {
        return rows;
    }

    /** Every column some comparison of the run falls in: reference first, then engines, then pairs. */
    List<Column> columns() {
        return columns;
    }

    List<Column> columns(ComparisonKind kind) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (c.kind() == kind) {
                out.add(c);
            }
        }
        return out;
    }

    Optional<Cell> cell(LossKind loss, Column column) {
        return Optional.ofNullable(cells.getOrDefault(loss, Map.of()).get(column));
    }

    int cases(LossKind loss) {
        return caseCounts.getOrDefault(loss, 0);
    }
}
