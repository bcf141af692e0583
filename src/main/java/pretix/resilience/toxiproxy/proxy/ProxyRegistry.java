package pretix.resilience.toxiproxy.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import pretix.resilience.toxiproxy.ToxiproxyError;

/** Every proxy of the server, by name. */
public final class ProxyRegistry implements AutoCloseable {

    /** A proxy as a request describes it; {@code enabled} null means "as it is" (or true for a new one). */
    public record ProxyRequest(String name, String listen, String upstream, Boolean enabled) {}

    private final Map<String, Proxy> proxies = new TreeMap<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "toxic-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final SelectorLoop selectorLoop = new SelectorLoop();

    public synchronized List<Proxy> all() {
        return List.copyOf(proxies.values());
    }

    public synchronized Proxy get(String name) {
        Proxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ToxiproxyError.proxyNotFound();
        }
        return proxy;
    }

    public synchronized Proxy create(ProxyRequest request) {
        Proxy proxy = validated(request, "");
        if (proxies.containsKey(proxy.name())) {
            throw ToxiproxyError.proxyAlreadyExists();
        }
        if (request.enabled() == null || request.enabled()) {
            proxy.start();
        }
        proxies.put(proxy.name(), proxy);
        return proxy;
    }

    public synchronized Proxy update(String name, ProxyRequest request) {
        Proxy proxy = get(name);
        Address listen = request.listen() == null ? Address.parse("listen", proxy.listen())
                : Address.parse("listen", request.listen());
        Address upstream = request.upstream() == null ? Address.parse("upstream", proxy.upstream())
                : Address.parse("upstream", request.upstream());
        proxy.update(listen, upstream, request.enabled() == null ? proxy.enabled() : request.enabled());
        return proxy;
    }

    public synchronized void delete(String name) {
        get(name).stop();
        proxies.remove(name);
    }

    /**
     * Creates or replaces proxies in one go, validating every one before changing anything.
     * A proxy whose listen and upstream addresses are unchanged keeps its toxics and connections.
     */
    public synchronized List<Proxy> populate(List<ProxyRequest> requests) {
        List<Proxy> candidates = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            Proxy candidate = validated(requests.get(i), " at proxy " + (i + 1));
            if (!names.add(candidate.name())) {
                throw ToxiproxyError.badRequestBody("duplicate proxy name \"" + candidate.name() + "\"");
            }
            candidates.add(candidate);
        }
        List<Proxy> result = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Proxy candidate = candidates.get(i);
            boolean enabled = requests.get(i).enabled() == null || requests.get(i).enabled();
            Proxy existing = proxies.get(candidate.name());
            if (existing != null && existing.listen().equals(candidate.listen())
                    && existing.upstream().equals(candidate.upstream())) {
                if (enabled) {
                    existing.start();
                } else {
                    existing.stop();
                }
                result.add(existing);
                continue;
            }
            if (existing != null) {
                existing.stop();
            }
            if (enabled) {
                candidate.start();
            }
            proxies.put(candidate.name(), candidate);
            result.add(candidate);
        }
        return result;
    }

    /** Enables every proxy and removes every toxic. */
    public synchronized void reset() {
        for (Proxy proxy : proxies.values()) {
            proxy.start();
            proxy.removeAllToxics();
        }
    }

    /** Stops every proxy and the threads they share. */
    @Override
    public synchronized void close() {
        proxies.values().forEach(Proxy::stop);
        proxies.clear();
        selectorLoop.close();
        timers.shutdownNow();
    }

    private Proxy validated(ProxyRequest request, String where) {
        if (request.name() == null || request.name().isEmpty()) {
            throw ToxiproxyError.missingField("name" + where);
        }
        if (request.upstream() == null || request.upstream().isEmpty()) {
            throw ToxiproxyError.missingField("upstream" + where);
        }
        String listen = request.listen() == null || request.listen().isEmpty() ? "127.0.0.1:0" : request.listen();
        return new Proxy(request.name(), Address.parse("listen", listen), Address.parse("upstream", request.upstream()),
                timers, selectorLoop);
    }
}
