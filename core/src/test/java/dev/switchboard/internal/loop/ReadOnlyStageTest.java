package dev.switchboard.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The loop's own stage must look to callers exactly like a minimal completion stage. */
class ReadOnlyStageTest {

  private static Throwable seenByWhenComplete(CompletionStage<Object> stage) {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    stage.whenComplete((v, e) -> seen.set(e));
    return seen.get();
  }

  @Test
  void failure_isSeenByDependentsAndCopies_asAMinimalStageShowsIt() throws Exception {
    IllegalStateException cause = new IllegalStateException("boom");
    CompletableFuture<Object> plain = new CompletableFuture<>();
    CompletionStage<Object> minimal = plain.minimalCompletionStage();
    ReadOnlyStage<Object> ours = new ReadOnlyStage<>();
    plain.completeExceptionally(cause);
    ours.fail(cause);

    Throwable expected = seenByWhenComplete(minimal);
    Throwable actual = seenByWhenComplete(ours);
    assertThat(actual).isInstanceOf(expected.getClass()).hasCause(cause);
    assertThat(catchThrowable(() -> ours.toCompletableFuture().join()))
        .isInstanceOf(catchThrowable(() -> minimal.toCompletableFuture().join()).getClass())
        .hasCause(cause);
    assertThat(catchThrowable(() -> ours.toCompletableFuture().get()))
        .isInstanceOf(ExecutionException.class).hasCause(cause);
  }

  @Test
  void failureBeforeACopyIsTaken_andValueAfter_reachTheCopy() {
    ReadOnlyStage<Object> pending = new ReadOnlyStage<>();
    CompletableFuture<Object> copy = pending.toCompletableFuture();
    assertThat(copy).isNotDone();
    pending.succeed("done");
    assertThat(copy.join()).isEqualTo("done");
    assertThat(pending.thenApply(v -> v + "!").toCompletableFuture().join()).isEqualTo("done!");
  }

  @Test
  void callers_cannotCompleteOrBlockOnIt_norOnItsDependents() {
    ReadOnlyStage<Object> stage = new ReadOnlyStage<>();
    CompletableFuture<Object> dependent = (CompletableFuture<Object>) stage.thenApply(v -> v);
    for (CompletableFuture<Object> f : java.util.List.of(stage, dependent)) {
      assertThatThrownBy(() -> f.complete("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> f.completeExceptionally(new RuntimeException()))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> f.cancel(true)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(f::join).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(f::isDone).isInstanceOf(UnsupportedOperationException.class);
    }
    CompletableFuture<Object> copy = stage.toCompletableFuture();
    copy.complete("caller's own"); // a copy is the caller's to complete and leaves the stage alone
    stage.succeed("engine's");
    assertThat(stage.toCompletableFuture().join()).isEqualTo("engine's");
  }
}
