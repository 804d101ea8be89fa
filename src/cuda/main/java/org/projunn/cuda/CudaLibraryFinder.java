package org.projunn.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an NVIDIA library (libcublas.so.13, libcusolver.so.12, ...) may be: first the
 * directories of {@code PROJUNN_CUDA_LIBS} (or the system property {@code projunn.cudaLibs}),
 * then the bare name (the system loader: linker cache, LD_LIBRARY_PATH, RUNPATH), then the
 * places CUDA toolkits and Python wheels put them: {@code /usr/local/cuda*}/lib64, the
 * toolkit's targets/x86_64-linux/lib, and {@code nvidia/*}/lib in Python site-packages (the
 * pip wheels that PyTorch uses are not in the linker cache). Pure file-system lookups: nothing
 * is loaded here.
 */
final class CudaLibraryFinder {
    /** Environment variable: extra directories (colon-separated) searched first. */
    static final String ENV = "PROJUNN_CUDA_LIBS";
    /** System property with the same meaning as {@link #ENV}, for tests and launchers. */
    static final String PROPERTY = "projunn.cudaLibs";

    private static final String[] PATTERNS = {
        "/usr/local/cuda*/lib64",
        "/usr/local/cuda*/targets/*/lib",
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/python3*/*-packages/nvidia/*/lib",
        "/usr/local/lib/python3*/*-packages/nvidia/*/lib",
        "/opt/conda/lib/python3*/site-packages/nvidia/*/lib",
        "/opt/*/lib/python3*/site-packages/nvidia/*/lib",
        "~/.local/lib/python3*/site-packages/nvidia/*/lib",
    };

    private final List<String> overrideDirs;
    private final List<String> patterns;
    private final String home;

    /**
     * A finder over explicit places (for tests).
     *
     * @param overrideDirs directories searched first; not modified
     * @param patterns directory patterns, {@code *} matching one path element; not modified
     * @param home what {@code ~} stands for
     */
    CudaLibraryFinder(List<String> overrideDirs, List<String> patterns, String home) {
        this.overrideDirs = List.copyOf(overrideDirs);
        this.patterns = List.copyOf(patterns);
        this.home = home;
    }

    /**
     * The finder of this process: {@link #PROPERTY}, {@link #ENV}, LD_LIBRARY_PATH and the usual places.
     *
     * @return a new finder
     */
    static CudaLibraryFinder standard() {
        List<String> override = new ArrayList<>();
        split(System.getProperty(PROPERTY), override);
        split(System.getenv(ENV), override);
        List<String> patterns = new ArrayList<>();
        split(System.getenv("LD_LIBRARY_PATH"), patterns);
        patterns.addAll(List.of(PATTERNS));
        return new CudaLibraryFinder(override, patterns, System.getProperty("user.home", "/root"));
    }

    private static void split(String pathList, List<String> into) {
        if (pathList == null) {
            return;
        }
        for (String d : pathList.split(File.pathSeparator)) {
            if (!d.isBlank()) {
                into.add(d.trim());
            }
        }
    }

    /**
     * The candidates for one library, best first: override files, the bare name, found files.
     *
     * @param names sonames to try, preferred first (e.g. libcublas.so.13, libcublas.so.12); not modified
     * @return absolute paths of existing files and bare names, without duplicates
     */
    List<String> candidates(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            for (String d : overrideDirs) {
                addIfFile(Paths.get(d, name), out);
            }
        }
        for (String name : names) {
            out.add(name);
            for (Path d : directories()) {
                addIfFile(d.resolve(name), out);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The same library's companion in the directory of {@code found} (libcublasLt beside libcublas).
     *
     * @param found a candidate path or bare name
     * @param companionNames the companion's sonames, preferred first; not modified
     * @return the companion's path, or null when {@code found} is a bare name or has none beside it
     */
    static String besides(String found, List<String> companionNames) {
        Path p = Paths.get(found);
        if (!p.isAbsolute() || p.getParent() == null) {
            return null;
        }
        for (String name : companionNames) {
            Path c = p.getParent().resolve(name);
            if (Files.isRegularFile(c)) {
                return c.toString();
            }
        }
        return null;
    }

    /**
     * Every directory the patterns match, in pattern order.
     *
     * @return existing directories
     */
    List<Path> directories() {
        List<Path> dirs = new ArrayList<>();
        for (String pattern : patterns) {
            String p = pattern.startsWith("~/") ? home + pattern.substring(1) : pattern;
            if (!p.startsWith("/")) {
                continue;
            }
            expand(Paths.get("/"), p.substring(1).split("/"), 0, dirs);
        }
        return dirs;
    }

    /**
     * A short account of where was searched, for error messages.
     *
     * @return e.g. "PROJUNN_CUDA_LIBS (unset), the system loader, 3 directories"
     */
    String searched() {
        return (overrideDirs.isEmpty() ? ENV + " unset" : ENV + "=" + String.join(":", overrideDirs))
                + ", the system loader, " + directories().size() + " CUDA/Python library directories";
    }

    private static void addIfFile(Path p, Set<String> out) {
        if (Files.isRegularFile(p)) {
            out.add(p.toAbsolutePath().normalize().toString());
        }
    }

    private static void expand(Path at, String[] parts, int i, List<Path> out) {
        if (i == parts.length) {
            if (Files.isDirectory(at)) {
                out.add(at);
            }
            return;
        }
        String part = parts[i];
        if (!part.contains("*")) {
            Path next = at.resolve(part);
            if (Files.exists(next)) {
                expand(next, parts, i + 1, out);
            }
            return;
        }
        if (!Files.isDirectory(at)) {
            return;
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(at, part)) {
            for (Path p : ds) {
                matches.add(p);
            }
        } catch (IOException | SecurityException e) {
            return; // unreadable: nothing there for us
        }
        matches.sort(null); // stable order: cuda-12.x before cuda-13.x, then preference by soname
        for (Path p : matches) {
            expand(p, parts, i + 1, out);
        }
    }
}
