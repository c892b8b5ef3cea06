/**
 * The Objects tab: the Kubernetes objects the canvas does not draw (Namespaces, Ingresses,
 * NetworkPolicies), listed so that a user can find, select (and so inspect and edit), add and
 * delete them.
 */
package dev.hopscope.ui.objects;
