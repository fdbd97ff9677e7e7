/**
 * What the counts and alerts branches both window: the classified record ({@code Classified}), per-task
 * sums before the repartition ({@code SummingProcessor}, {@code SumsStore}), window keys and progress.
 * Below {@code counts} and {@code alerts.detection}; knows neither.
 */
package io.imwatch.app.window;
