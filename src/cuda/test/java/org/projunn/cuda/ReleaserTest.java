package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every resource is closed, in order, and no failure is lost. */
class ReleaserTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable ok(String name) {
        return () -> closed.add(name);
    }

    private AutoCloseable failing(String name, Exception e) {
        return () -> {
            closed.add(name);
            throw e;
        };
    }

    @Test
    void closesEveryResourceInOrderAndThrowsTheFirstFailureWithTheRestSuppressed() {
        IllegalStateException first = new IllegalStateException("first");
        IOException second = new IOException("second");
        Releaser release = new Releaser();
        release.close(ok("a"));
        release.close(failing("b", first));
        release.close(null);
        release.close(failing("c", second));
        release.close(ok("d"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, release::rethrow);
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
        assertEquals(List.of("a", "b", "c", "d"), closed);
    }

    @Test
    void aCheckedFirstFailureIsWrapped() {
        IOException checked = new IOException("checked");
        Releaser release = new Releaser();
        release.close(failing("a", checked));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, release::rethrow);
        assertSame(checked, thrown.getCause());
    }

    @Test
    void rethrowReturnsWhenEveryCloseSucceeded() {
        Releaser release = new Releaser();
        release.close(ok("a"));
        release.rethrow();
        assertEquals(List.of("a"), closed);
    }

    @Test
    void closeAllClosesEveryResourceAndThrowsTheFirstFailureWithTheRestSuppressed() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        List<AutoCloseable> group = new ArrayList<>();
        group.add(ok("a"));
        group.add(failing("b", first));
        group.add(null);
        group.add(failing("c", second));
        group.add(ok("d"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Releaser.closeAll(group));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
        assertEquals(List.of("a", "b", "c", "d"), closed);
    }

    @Test
    void closeAndClearEmptiesTheGroupEvenWhenACloseFailedSoASecondCloseFreesNothingTwice() {
        IllegalStateException failure = new IllegalStateException("free failed");
        List<AutoCloseable> group = new ArrayList<>(List.of(ok("a"), failing("b", failure), ok("c")));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Releaser.closeAndClear(group));
        assertSame(failure, thrown);
        assertEquals(List.of(), group);
        Releaser.closeAndClear(group);
        assertEquals(List.of("a", "b", "c"), closed);
    }

    @Test
    void closeAfterAddsTheCloseFailuresToTheOriginalOne() {
        RuntimeException original = new RuntimeException("allocation failed");
        IllegalStateException closeFailure = new IllegalStateException("free failed");
        Releaser.closeAfter(original, ok("a"), null, failing("b", closeFailure), ok("c"));
        assertEquals(List.of("a", "b", "c"), closed);
        assertArrayEquals(new Throwable[] {closeFailure}, original.getSuppressed());
    }
}
