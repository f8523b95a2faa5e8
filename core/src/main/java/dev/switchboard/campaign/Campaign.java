package dev.switchboard.campaign;

import dev.switchboard.Channel;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.check.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound work: contacts to call, email or message on one channel. Its contacts become work items
 * that the engine blends into the day of the agents assigned to it. Immutable; build one with
 * {@link #builder(String, Channel)} and add it with {@link
 * dev.switchboard.Supervisor#addCampaign(Campaign)}.
 *
 * @param id the campaign's id, 1 to {@value #MAX_ID_LENGTH} characters
 * @param channel the channel its work goes out on
 * @param queue the queue its items report (and follow if transferred onwards)
 * @param requiredSkills skill to minimum level an agent needs to work on it
 * @param calendar the registered calendar (see {@code SwitchboardBuilder.calendar}) whose hours
 *     bound when its contacts are reached, read in each contact's own time zone (see {@link
 *     CampaignContact#zone()}); empty to reach them at any time
 * @since 0.1
 */
public record Campaign(String id, Channel channel, String queue,
    Map<String, Integer> requiredSkills, Optional<String> calendar) {

  /** Longest campaign id, so that campaign item ids fit in an item id. */
  public static final int MAX_ID_LENGTH = 40;

  /** Validates and copies every field. */
  public Campaign {
    Checks.id("campaign id", id);
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("campaign id is " + id.length() + " characters; at most "
          + MAX_ID_LENGTH + " allowed");
    }
    Objects.requireNonNull(channel, "channel");
    Checks.id("queue", queue);
    Map<String, Integer> skills = new LinkedHashMap<>();
    Objects.requireNonNull(requiredSkills, "requiredSkills").forEach((skill, level) -> skills.put(
        Checks.id("skill name", skill), Checks.level("campaign " + id + " minimum level", skill,
            level)));
    requiredSkills = Collections.unmodifiableMap(skills);
    Objects.requireNonNull(calendar, "calendar").ifPresent(c -> Checks.id("calendar name", c));
  }

  /** A campaign that reaches its contacts at any time. */
  public Campaign(String id, Channel channel, String queue, Map<String, Integer> requiredSkills) {
    this(id, channel, queue, requiredSkills, Optional.empty());
  }

  /** Starts building a campaign on the channel. */
  public static Builder builder(String id, Channel channel) {
    return new Builder(id, channel);
  }

  /** Builds a {@link Campaign}. */
  public static final class Builder {
    private final String id;
    private final Channel channel;
    private String queue = WorkItem.DEFAULT_QUEUE;
    private final Map<String, Integer> requiredSkills = new LinkedHashMap<>();
    private Optional<String> calendar = Optional.empty();

    private Builder(String id, Channel channel) {
      this.id = id;
      this.channel = channel;
    }

    /** The queue its items belong to; {@value WorkItem#DEFAULT_QUEUE} when not set. */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /** Only agents with the skill at this level (1 to 10) work on the campaign. */
    public Builder requireSkill(String skill, int minimumLevel) {
      requiredSkills.put(skill, minimumLevel);
      return this;
    }

    /**
     * Reaches contacts only while the named calendar is open in each contact's time zone: a
     * contact is not dialled while its local calendar is closed and becomes dialable at its
     * opening. The calendar must be registered on the engine, or adding the campaign fails.
     *
     * @since 0.3
     */
    public Builder calendar(String calendar) {
      this.calendar = Optional.of(Objects.requireNonNull(calendar, "calendar"));
      return this;
    }

    /** Builds the campaign, validating every field. */
    public Campaign build() {
      return new Campaign(id, channel, queue, requiredSkills, calendar);
    }
  }
}
