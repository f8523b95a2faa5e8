/**
 * The binder's workings: the snapshot cache that asks the engine at most once per period, the
 * catalogue of KPI gauges, and the registration of meters as queues, channels and adapters
 * appear. Not part of the API.
 */
package dev.switchboard.micrometer.internal;
