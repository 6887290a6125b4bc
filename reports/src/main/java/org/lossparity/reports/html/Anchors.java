package org.lossparity.reports.html;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.spec.LossKind;

/**
 * Element ids for in-page links. Ids are made of letters, digits, '-', '_' and '.', so they need no escaping in a
 * URL fragment; case ids come from the case's stable id and are made unique in run order.
 */
final class Anchors {
    private final Map<CaseResult, String> caseIds = new IdentityHashMap<>();

    Anchors(ParityRun run) {
        Set<String> used = new HashSet<>();
        for (CaseResult c : run.cases()) {
            String base = "case-" + slug(c.ref().id());
            String id = base;
            for (int n = 2; !used.add(id); n++) {
                id = base + "-" + n;
            }
            caseIds.put(c, id);
        }
    }

    static String slug(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
            sb.append(ok ? c : '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }

    String caseId(CaseResult c) {
        String id = caseIds.get(c);
        if (id == null) {
            throw new IllegalArgumentException("case " + c.ref().location() + " is not part of this run");
        }
        return id;
    }

    static String loss(LossKind loss) {
        return "loss-" + slug(loss.id());
    }

    static String rule(String ruleId) {
        return "rule-" + slug(ruleId);
    }

    static String defect(String defectId) {
        return "defect-" + slug(defectId);
    }

    static String href(String id) {
        return "#" + id;
    }
}
