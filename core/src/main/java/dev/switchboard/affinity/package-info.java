/**
 * Customer to agent relationships and what the engine does with them: the {@link
 * dev.switchboard.affinity.RelationshipStore} plug-in (in memory by default, or backed by a host's
 * CRM), the {@link dev.switchboard.affinity.AffinityOptions} that tune affinity routing, and the
 * values supervisors read: overload insights, an agent's queue and the affinity measures.
 */
package dev.switchboard.affinity;
