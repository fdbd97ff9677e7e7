package io.imwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The variables the kubelet puts into every container: for the API server's Service
 * {@code kubernetes} always, and unless {@code enableServiceLinks: false}, for every Service of
 * the pod's namespace that has a cluster IP ({@code <NAME>_SERVICE_HOST}, {@code <NAME>_PORT_8080_TCP},
 * ...), as the kubelet's {@code envvars.FromServices} makes them. The cluster IPs are made up.
 */
final class ServiceLinks {

    private ServiceLinks() {}

    static Map<String, String> forPod(Rendered rendered, String namespace, JsonNode podSpec) {
        Map<String, String> env = new LinkedHashMap<>();
        add(env, "kubernetes", "10.96.0.1", "https", 443, "TCP");
        if (!podSpec.path("enableServiceLinks").asBoolean(true)) {
            return env;
        }
        int host = 10;
        for (JsonNode service : rendered.ofKind("Service")) {
            JsonNode spec = service.path("spec");
            if (!namespace.equals(Rendered.namespace(service))
                    || "None".equals(spec.path("clusterIP").asText())
                    || "ExternalName".equals(spec.path("type").asText())) {
                continue;
            }
            String ip = "10.96.1." + host++;
            boolean first = true;
            for (JsonNode port : spec.path("ports")) {
                String name = Rendered.name(service);
                int number = port.path("port").asInt();
                String protocol = port.path("protocol").asText("TCP");
                if (first) {
                    add(env, name, ip, port.path("name").asText(""), number, protocol);
                    first = false;
                } else {
                    String prefix = prefix(name);
                    if (!port.path("name").asText("").isEmpty()) {
                        env.put(
                                prefix + "_SERVICE_PORT_"
                                        + prefix(port.path("name").asText()),
                                Integer.toString(number));
                    }
                    docker(env, prefix, ip, number, protocol);
                }
            }
        }
        return env;
    }

    private static void add(
            Map<String, String> env, String service, String ip, String portName, int port, String proto) {
        String prefix = prefix(service);
        env.put(prefix + "_SERVICE_HOST", ip);
        env.put(prefix + "_SERVICE_PORT", Integer.toString(port));
        if (!portName.isEmpty()) {
            env.put(prefix + "_SERVICE_PORT_" + prefix(portName), Integer.toString(port));
        }
        env.put(prefix + "_PORT", proto.toLowerCase(Locale.ROOT) + "://" + ip + ":" + port);
        docker(env, prefix, ip, port, proto);
    }

    private static void docker(Map<String, String> env, String prefix, String ip, int port, String proto) {
        String link = prefix + "_PORT_" + port + "_" + proto.toUpperCase(Locale.ROOT);
        env.put(link, proto.toLowerCase(Locale.ROOT) + "://" + ip + ":" + port);
        env.put(link + "_PROTO", proto.toLowerCase(Locale.ROOT));
        env.put(link + "_PORT", Integer.toString(port));
        env.put(link + "_ADDR", ip);
    }

    private static String prefix(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
