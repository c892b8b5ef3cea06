/**
 * Network kinds as providers. Each kind (Docker's bridges, the Docker overlay, flannel, kube-proxy,
 * and the kinds that follow) is one package that compiles its part of a document into the
 * dataplane and names the design checks it adds, behind {@link dev.hopscope.net.provider.NetworkProvider};
 * {@link dev.hopscope.net.provider.Providers} is the one place they are registered. The core
 * compiler ({@code net.compile}) builds what every kind shares — underlays, hosts, externals, the
 * namespaces of containers and pods — and asks the provider of each network to join endpoints to it.
 * The tracer never sees a provider: it walks the devices, routes and rules they compiled.
 */
package dev.hopscope.net.provider;
