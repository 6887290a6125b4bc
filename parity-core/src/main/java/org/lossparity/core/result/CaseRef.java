package org.lossparity.core.result;

import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.spec.LossSpec;

/**
 * Which fixture case a result belongs to.
 *
 * @param file        fixture file, relative to the fixtures directory, with '/' separators
 * @param pointer     JSON pointer of the case inside the file, e.g. {@code /cases/3}
 * @param id          the case's stable id
 * @param label       short human label, e.g. {@code ties-at-delta}
 * @param displayName the spec and label, e.g. {@code huber(delta=1.0) mean float32 pytorch [ties-at-delta]}
 * @param spec        the spec as written in the fixture
 * @param tolerance   the tolerance used for every comparison of this case (dtype default or an override with its
 *                    reason)
 * @param fixture     the fixture file's name (its group of cases, usually the loss id)
 * @param group       cases of one file sharing their inputs (up to the other convention's input transform)
 */
public record CaseRef(String file, String pointer, String id, String label, String displayName, LossSpec spec,
                      Tolerance tolerance, String fixture, String group) implements Comparable<CaseRef> {

    /** {@code data/huber.json#/cases/3}. */
    public String location() {
        return file + "#" + pointer;
    }

    /** By file, then by the case's position in the file (numeric pointer order), then id. */
    @Override
    public int compareTo(CaseRef o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = comparePointers(pointer, o.pointer);
        return c != 0 ? c : id.compareTo(o.id);
    }

    static int comparePointers(String a, String b) {
        String[] pa = a.split("/");
        String[] pb = b.split("/");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c;
            if (pa[i].matches("\\d+") && pb[i].matches("\\d+")) {
                c = Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i]));
            } else {
                c = pa[i].compareTo(pb[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
