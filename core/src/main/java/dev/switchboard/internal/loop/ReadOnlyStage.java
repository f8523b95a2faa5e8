package dev.switchboard.internal.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The stage a caller of the engine holds: behaves exactly like {@link
 * CompletableFuture#minimalCompletionStage()} (its dependents are read-only too, the {@code
 * Future} methods throw {@link UnsupportedOperationException}, {@link #toCompletableFuture()}
 * gives an independent copy, a failure is seen wrapped in a {@link CompletionException}), but is
 * completed by the loop directly, without a second future and a relay behind it: one object per
 * command instead of four.
 */
class ReadOnlyStage<T> extends CompletableFuture<T> {

  /** Completes the stage with the value; loop side only. */
  final void succeed(T value) {
    super.complete(value);
  }

  /** Completes the stage with the failure, wrapped as a minimal stage's relay would wrap it. */
  final void fail(Throwable failure) {
    super.completeExceptionally(failure instanceof CompletionException ? failure
        : new CompletionException(failure));
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new ReadOnlyStage<>();
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> copy = new CompletableFuture<>();
    super.whenComplete((value, failure) -> {
      if (failure == null) {
        copy.complete(value);
      } else {
        copy.completeExceptionally(failure instanceof CompletionException ? failure
            : new CompletionException(failure));
      }
    });
    return copy;
  }

  @Override
  public T get() {
    throw new UnsupportedOperationException();
  }

  @Override
  public T get(long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public T getNow(T valueIfAbsent) {
    throw new UnsupportedOperationException();
  }

  @Override
  public T join() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean complete(T value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void obtrudeValue(T value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void obtrudeException(Throwable ex) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isDone() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isCancelled() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isCompletedExceptionally() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int getNumberOfDependents() {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }
}
