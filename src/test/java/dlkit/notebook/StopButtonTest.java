package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The patient stop button, on a real thread pool (the kernel's own wrapping is tested in a real kernel). */
class StopButtonTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void codeThatStopsAtTheInterruptIsHeardBeforeTheCellIsCancelled() throws Exception {
        var executor = new StopButton.PatientExecutor(pool, 5_000);
        AtomicBoolean said = new AtomicBoolean();
        Future<String> cell = executor.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            said.set(true);              // the learner's message, shown while the cell still runs
            StopButton.stopped();
            Thread.sleep(60_000);         // code after the stop, as a cell goes on (interrupted again below)
            return "never";
        });
        Thread.sleep(100);

        long start = System.nanoTime();
        assertTrue(cell.cancel(true));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(said.get(), "the message came before the cell was cancelled");
        assertTrue(millis < 2_000, "cancelled " + millis + " ms after the stop, not at once");
        assertThrows(CancellationException.class, cell::get);
    }

    @Test
    void aCellThatReturnsWithinTheGraceStillEndsAsStoppedWithoutWaitingForTheGrace() throws Exception {
        var executor = new StopButton.PatientExecutor(pool, 5_000);
        Future<String> cell = executor.submit(() -> {
            try {
                Thread.sleep(60_000);
                return "slept";
            } catch (InterruptedException e) {
                return "stopped and returned";
            }
        });
        Thread.sleep(100);

        long start = System.nanoTime();
        assertTrue(cell.cancel(true), "the button's cancel took");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 2_000, "cancelled " + millis + " ms after the cell returned, not at once");
        assertThrows(CancellationException.class, cell::get);
    }

    @Test
    void codeThatSaysItStoppedAndReturnsAtOnceEndsAsStoppedEveryTime() throws Exception {
        // Learner.fit's way: it says stopped() and returns its history; the cell's next call returns at once.
        // Whichever thread runs first, the cell must end as interrupted (so "Run All" stops there).
        var executor = new StopButton.PatientExecutor(pool, 5_000);
        for (int i = 0; i < 200; i++) {
            AtomicBoolean started = new AtomicBoolean();
            Future<String> cell = executor.submit(() -> {
                started.set(true);
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                StopButton.stopped();
                return "history";
            });
            while (!started.get()) {
                Thread.onSpinWait();
            }

            assertTrue(cell.cancel(true), "run " + i + ": the cell ended normally after the stop button");
            assertThrows(CancellationException.class, cell::get);
        }
    }

    @Test
    void codeThatIgnoresTheInterruptIsCancelledAfterTheGrace() throws Exception {
        var executor = new StopButton.PatientExecutor(pool, 300);
        AtomicBoolean running = new AtomicBoolean(true);
        Future<Object> cell = executor.submit(() -> {
            while (running.get()) {
                Thread.onSpinWait();
            }
            return null;
        });
        Thread.sleep(100);

        long start = System.nanoTime();
        assertTrue(cell.cancel(true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        running.set(false);

        assertTrue(millis >= 250 && millis < 3_000, "waited " + millis + " ms, not the grace of 300");
        assertTrue(cell.isCancelled());
    }

    @Test
    void aKernelOfAnotherShapeKeepsItsOwnBehaviourAndSaysWhy() {
        String why = StopButton.install(new Object());

        assertNotNull(why);
        assertTrue(why.contains("getEvaluator"), why);
    }

    @Test
    void theKernelsExecutorIsWrappedOnceInPlace() {
        var control = new FakeControl();
        var kernel = new FakeKernel(new FakeEvaluator(control));

        assertNull(StopButton.install(kernel));
        assertTrue(control.executor instanceof StopButton.PatientExecutor);
        ExecutorService wrapped = control.executor;
        assertNull(StopButton.install(kernel));
        assertTrue(control.executor == wrapped, "installing twice wraps once");
        wrapped.shutdownNow();
    }

    /** The shape of JJava's kernel as the stop button reaches into it: kernel, evaluator, control, executor. */
    public static final class FakeKernel {
        private final FakeEvaluator evaluator;

        FakeKernel(FakeEvaluator evaluator) {
            this.evaluator = evaluator;
        }

        public FakeEvaluator getEvaluator() {
            return evaluator;
        }
    }

    static final class FakeEvaluator {
        private final FakeControl execControl;

        FakeEvaluator(FakeControl control) {
            this.execControl = control;
        }
    }

    static final class FakeControl {
        private final ExecutorService executor = Executors.newCachedThreadPool();
    }
}
