/**
 * Weave Net: a {@code weave} bridge on every host, all on one address range, so containers and
 * pods of every host share one L2 segment; each host allocates from its own share of the range.
 * The peers carry frames between hosts by the fast datapath (a VXLAN port on UDP 6784, ESP when
 * encrypted) or by sleeve (UDP 6783 through the weave router). Exposed (as weave-kube does), the
 * bridge holds the host's address of the range, pods route through it, and traffic leaving the
 * range is masqueraded; weave-npc enforces NetworkPolicy in FORWARD by pod address.
 */
package dev.hopscope.net.provider.weave;
