/**
 * The live catalogue (model layer): catalogue and rule files published on the catalogue topic as
 * overlays on the built-in and configured ones, each set validated and built into an immutable
 * {@link io.imwatch.app.livecatalog.CatalogVersion}, swapped atomically by {@link
 * io.imwatch.app.livecatalog.LiveCatalog}; no Kafka here (the topology feeds it, the CLI validates with it).
 */
package io.imwatch.app.livecatalog;
