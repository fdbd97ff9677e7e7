/**
 * The command line: picocli commands ({@code run}, {@code classify}, {@code explain}, {@code catalog},
 * {@code simulate}). The top layer: parses arguments, hands over to {@code run}, reports one-line errors.
 */
package io.imwatch.app.cli;
