/**
 * The Kubernetes side of the workloads module: how the service reaches a cluster
 * ({@link org.whalemountain.workloads.kubernetes.KubernetesClients}), each user's
 * namespace as their account
 * ({@link org.whalemountain.workloads.kubernetes.UserNamespaces}, built by the pure
 * {@link org.whalemountain.workloads.kubernetes.UserNamespaceObjects}), and kubeconfigs
 * with short-lived TokenRequest tokens
 * ({@link org.whalemountain.workloads.kubernetes.KubeconfigIssuer}). fabric8 types live
 * here and nowhere else. Every bean here exists only while {@code wm.kubernetes.api.url}
 * or {@code wm.kubernetes.api.kubeconfig-file} is set.
 */
package org.whalemountain.workloads.kubernetes;
