package dev.switchboard.helpdesk;

/**
 * Host plug-in that classifies a new ticket: categories, required skills, priority and a
 * confidence. {@link KeywordClassifier} is the built-in one.
 *
 * <p>Called on the help desk's classifier executor ({@link HelpDeskBuilder#classifierExecutor}),
 * never while the help desk's state is locked. The help desk guards every call: an exception, a
 * null result or no result within {@link HelpDeskBuilder#classifierTimeout} sends the ticket to
 * the human triage queue and is counted in {@link HelpDeskStats}; nothing is lost. An
 * implementation may be called from several threads when the executor has several.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Classifier {

  /** Classifies what the end user reported. */
  Classification classify(TicketRequest request) throws Exception;
}
