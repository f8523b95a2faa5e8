package dev.switchboard.helpdesk.internal;

import dev.switchboard.WorkItem;
import java.util.LinkedHashMap;
import java.util.Map;

/** Work items the desk and its crowd issue again after the switchboard lost sight of one. */
public final class WorkItems {

  private WorkItems() {}

  /**
   * A copy of {@code lost} under a new id, marked with the attribute {@code reissuedFrom} naming
   * the lost item, so that the person who gets it sees why.
   */
  public static WorkItem reissue(WorkItem lost, String newId) {
    Map<String, Object> attributes = new LinkedHashMap<>(lost.attributes());
    attributes.put("reissuedFrom", lost.id());
    return new WorkItem(newId, lost.channel(), lost.customerId(), lost.queue(), lost.priority(),
        lost.requiredSkills(), attributes, lost.conversationId(), lost.createdAt(),
        lost.slaTarget());
  }
}
