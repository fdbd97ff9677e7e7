/**
 * The running application: wires config, catalogue, topology, Kafka Streams, topics, HTTP endpoints,
 * alert forwarding and (embedded) the broker and demo; shuts them down in reverse order.
 */
package io.imwatch.app.run;
