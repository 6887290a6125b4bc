package org.lossparity.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.run.CatalogueFiles;

/**
 * Finds and reads fixtures/divergences.json and fixtures/known-defects.json: an explicit path, else next to the
 * fixtures directory (the directory itself or its parent, as in the repository: fixtures/data beside
 * fixtures/divergences.json), else the copy bundled in this jar at build time.
 */
public final class Catalogues {
    public static final String DIVERGENCES = "divergences.json";
    public static final String KNOWN_DEFECTS = "known-defects.json";

    /**
     * @param divergences  the catalogue in force
     * @param knownDefects the defect list in force
     * @param sources      where each came from, for the log
     */
    public record Loaded(List<DivergenceRule> divergences, List<KnownDefect> knownDefects, String sources) {}

    private Catalogues() {}

    public static Loaded load(Path fixtures, Optional<Path> divergences, Optional<Path> knownDefects) throws IOException {
        Source d = locate(DIVERGENCES, fixtures, divergences);
        Source k = locate(KNOWN_DEFECTS, fixtures, knownDefects);
        List<DivergenceRule> rules;
        try (InputStream in = d.open()) {
            rules = in == null ? List.of() : CatalogueFiles.readDivergences(in, d.name());
        }
        List<KnownDefect> defects;
        try (InputStream in = k.open()) {
            defects = in == null ? List.of() : CatalogueFiles.readKnownDefects(in, k.name());
        }
        return new Loaded(rules, defects, "divergences from " + d.name() + ", known defects from " + k.name());
    }

    private record Source(String name, Path file, String resource) {
        InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            return resource == null ? null : Catalogues.class.getResourceAsStream(resource);
        }
    }

    private static Source locate(String fileName, Path fixtures, Optional<Path> explicit) throws IOException {
        if (explicit.isPresent()) {
            if (!Files.isRegularFile(explicit.get())) {
                throw new IOException(explicit.get() + ": no such file");
            }
            return new Source(explicit.get().toString(), explicit.get(), null);
        }
        Path abs = fixtures.toAbsolutePath().normalize();
        for (Path dir : new Path[] {abs, abs.getParent()}) {
            if (dir != null && Files.isRegularFile(dir.resolve(fileName))) {
                return new Source(dir.resolve(fileName).toString(), dir.resolve(fileName), null);
            }
        }
        if (Catalogues.class.getResource(fileName) != null) {
            return new Source("the copy bundled in the jar (" + fileName + ")", null, fileName);
        }
        return new Source("nowhere (" + fileName + " not found: none used)", null, null);
    }
}
