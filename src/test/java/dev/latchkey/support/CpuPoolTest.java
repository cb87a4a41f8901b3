package dev.latchkey.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuPoolTest {

    @Test
    void runsTheWorkOnAPoolThreadAndReturnsItsResult() {
        try (CpuPool pool = new CpuPool(1)) {
            assertThat(pool.run(() -> Thread.currentThread().getName())).isEqualTo("latchkey-cpu-1");
        }
    }

    @Test
    void withNoThreadsRunsTheWorkOnTheCaller() {
        try (CpuPool pool = new CpuPool(0)) {
            Thread caller = Thread.currentThread();
            assertThat(pool.run(Thread::currentThread)).isSameAs(caller);
        }
    }

    @Test
    void rethrowsTheWorksUncheckedExceptionsAsTheyAre() {
        for (int threads : new int[] {0, 1}) {
            try (CpuPool pool = new CpuPool(threads)) {
                assertThatThrownBy(() -> pool.run(() -> {
                    throw new IllegalArgumentException("bad key");
                })).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad key");
            }
        }
    }

    @Test
    void theSystemPropertySetsThePoolSize() {
        String before = System.getProperty(CpuPool.THREADS_PROPERTY);
        try {
            System.setProperty(CpuPool.THREADS_PROPERTY, "0");
            try (CpuPool pool = CpuPool.forCores()) {
                assertThat(pool.run(Thread::currentThread)).isSameAs(Thread.currentThread());
            }
            System.clearProperty(CpuPool.THREADS_PROPERTY);
            try (CpuPool pool = CpuPool.forCores()) {
                assertThat(pool.run(() -> Thread.currentThread().getName())).startsWith("latchkey-cpu-");
            }
        } finally {
            if (before == null) {
                System.clearProperty(CpuPool.THREADS_PROPERTY);
            } else {
                System.setProperty(CpuPool.THREADS_PROPERTY, before);
            }
        }
    }
}
