package org.projunn.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared library opened with dlopen(RTLD_NOW | RTLD_GLOBAL) through FFM, so that a library
 * loaded first (libcublasLt) satisfies the dependencies of the next (libcublas, libcusolver)
 * when they sit outside the linker cache, as pip wheels do; dlerror() gives the reason of a
 * failure. Libraries stay loaded for the JVM's life; each is opened once.
 */
final class NativeLibrary {
    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL = 0x100;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DLOPEN = libc("dlopen", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle DLERROR = libc("dlerror", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle DLSYM = libc("dlsym", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final Map<String, NativeLibrary> OPENED = new ConcurrentHashMap<>();

    final String path;
    final SymbolLookup symbols;

    private NativeLibrary(String path, SymbolLookup symbols) {
        this.path = path;
        this.symbols = symbols;
    }

    private static MethodHandle libc(String name, FunctionDescriptor d) {
        return LINKER.defaultLookup().find(name).map(s -> LINKER.downcallHandle(s, d)).orElse(null);
    }

    /**
     * Opens one library.
     *
     * @param pathOrName an absolute path or a soname for the system loader
     * @return the library (the same object for the same argument)
     * @throws UnsatisfiedLinkError with dlerror()'s reason
     */
    static NativeLibrary open(String pathOrName) {
        NativeLibrary lib = OPENED.get(pathOrName);
        if (lib != null) {
            return lib;
        }
        if (DLOPEN == null || DLSYM == null) {
            // no dlopen in the default lookup: the JDK's own loader (reasons are less precise)
            try {
                SymbolLookup s = pathOrName.startsWith("/")
                        ? SymbolLookup.libraryLookup(java.nio.file.Path.of(pathOrName), Arena.global())
                        : SymbolLookup.libraryLookup(pathOrName, Arena.global());
                lib = new NativeLibrary(pathOrName, s);
            } catch (IllegalArgumentException e) {
                throw new UnsatisfiedLinkError(pathOrName + ": " + e.getMessage());
            }
        } else {
            MemorySegment handle;
            try (Arena a = Arena.ofConfined()) {
                handle = (MemorySegment) DLOPEN.invokeExact(a.allocateFrom(pathOrName), RTLD_NOW | RTLD_GLOBAL);
            } catch (Throwable t) {
                throw new UnsatisfiedLinkError(pathOrName + ": dlopen failed: " + t);
            }
            if (handle.equals(MemorySegment.NULL)) {
                throw new UnsatisfiedLinkError(dlerror(pathOrName));
            }
            MemorySegment h = handle;
            lib = new NativeLibrary(pathOrName, name -> dlsym(h, name));
        }
        NativeLibrary raced = OPENED.putIfAbsent(pathOrName, lib);
        return raced != null ? raced : lib;
    }

    private static String dlerror(String fallback) {
        try {
            MemorySegment m = (MemorySegment) DLERROR.invokeExact();
            String why = m.equals(MemorySegment.NULL) ? fallback + ": cannot open" : m.reinterpret(4096).getString(0);
            return why.replace(": cannot open shared object file: No such file or directory", " not found");
        } catch (Throwable t) {
            return fallback + ": cannot open";
        }
    }

    private static Optional<MemorySegment> dlsym(MemorySegment handle, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = (MemorySegment) DLSYM.invokeExact(handle, a.allocateFrom(name));
            return s.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(s);
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /**
     * A downcall to one of the library's functions.
     *
     * @param name the exported symbol
     * @param descriptor its C signature
     * @return the method handle
     * @throws UnsatisfiedLinkError when the symbol is missing
     */
    MethodHandle function(String name, FunctionDescriptor descriptor) {
        MemorySegment s = symbols.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(path + " has no symbol " + name));
        return LINKER.downcallHandle(s, descriptor);
    }

    /**
     * A downcall to the first of several names the library exports (cuBLAS exports both
     * {@code cublasCreate_v2} and, in some releases, {@code cublasCreate}).
     *
     * @param descriptor the C signature
     * @param names the symbols, preferred first
     * @return the method handle
     * @throws UnsatisfiedLinkError when none is exported
     */
    MethodHandle function(FunctionDescriptor descriptor, String... names) {
        for (String name : names) {
            if (has(name)) {
                return function(name, descriptor);
            }
        }
        throw new UnsatisfiedLinkError(path + " has none of " + String.join(", ", names));
    }

    /**
     * Whether the library exports {@code name}.
     *
     * @param name the symbol
     * @return true when found
     */
    boolean has(String name) {
        return symbols.find(name).isPresent();
    }
}
