/**
 * Demo traffic of every vendor and format with scheduled spikes, produced into the first input topic
 * when {@code demo.enabled} (on by default with the embedded broker).
 */
package io.imwatch.app.demo;
