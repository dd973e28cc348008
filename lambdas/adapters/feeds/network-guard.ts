import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FeedFetchError, PrivateNetworkError } from '../../core/errors';

/**
 * The SSRF guard of every fetch of a third-party URL (`ingest <url>`, `feeds add`, `poll`,
 * `--full-text`, the poller Lambda): only public unicast addresses may be contacted.
 *
 * - A host that is an IP address (in any spelling: the WHATWG URL parser has already turned
 *   `127.1`, `2130706433`, `0x7f.1` and `0177.0.0.1` into `127.0.0.1`, and ipaddr.js's `process`
 *   turns `::ffff:7f00:1` into `127.0.0.1`) is classified before any connection.
 * - A host name is resolved once per connection (every address, `dns.lookup` with `all`), every
 *   address is classified, and the socket connects to the addresses just checked (the `lookup`
 *   hook of net.connect): a DNS answer that changes between a check and the connection (DNS
 *   rebinding) cannot slip through, because there is no second resolution.
 * - Every redirect hop goes through the same two checks.
 */

export const PRIVATE_NETWORK_HINT = 'set NEWSWATCH_ALLOW_PRIVATE_NETWORK=1 or pass --allow-private-network to fetch from local networks';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a host name, as `dns.lookup(name, { all: true })` gives them. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => new Promise((resolve, reject) => {
  dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
});

export interface NetworkGuardOptions {
  /** Off the guard (tests, intranet feeds): every address may be contacted. */
  allowPrivateNetwork: boolean;
  /** Name resolution (dns.lookup by default). Whatever it returns is what the guard checks. */
  resolve?: HostResolver;
  /** What the refusal suggests (by default: the env variable and the CLI flag). */
  hint?: string;
  /**
   * TEST ONLY, never set in production code: where the socket goes once the guard has accepted
   * an address. It lets a test present a host as resolving to a public address while the socket
   * goes to its own loopback server (so a redirect from an "allowed public host" can be tested
   * without a network). The guard checks the resolved address, not this one.
   */
  unsafeTestOnlyConnectTo?: (accepted: ResolvedAddress) => ResolvedAddress;
}

const RULES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  carrierGradeNat: 'a carrier-grade NAT address',
  reserved: 'a reserved or documentation address',
  benchmarking: 'a benchmarking address',
  deprecatedSiteLocal: 'a site-local address',
  rfc6052: 'a NAT64 address',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
};

/** Why this address may not be contacted (a rule, "a loopback address"), or undefined when it is public unicast. */
export function nonPublicRule(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return 'not an address the guard can classify';
  const ip = ipaddr.process(bare); // an IPv4-mapped IPv6 address is classified as the IPv4 address it maps
  const range = ip.range() as string;
  if (range === 'unicast') {
    // ::a.b.c.d (IPv4-compatible, deprecated): ipaddr.js calls it unicast; it is no public address.
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return 'a reserved or documentation address';
    return undefined;
  }
  if (range === 'linkLocal' && ip.toString() === '169.254.169.254') return 'a link-local address (the cloud metadata service)';
  return RULES[range] ?? `a special-purpose address (${range})`;
}

/** The address a URL's host spells, when it is one (the WHATWG parser has normalized IPv4 forms). */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : undefined;
}

function describe(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return address;
  const ip = ipaddr.parse(bare);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? `${bare} (${(ip as ipaddr.IPv6).toIPv4Address().toString()})` : bare;
}

function refusal(url: string, subject: string, rule: string, options: NetworkGuardOptions, via?: string): PrivateNetworkError {
  const redirected = via ? ` (redirected from ${via})` : '';
  return new PrivateNetworkError(`refused ${url}${redirected}: ${subject} ${rule} (${options.hint ?? PRIVATE_NETWORK_HINT})`);
}

/**
 * The check before a connection: a URL whose host is a non-public IP address is refused, and a
 * URL with credentials or a port browsers never fetch from is refused too (fetch refused those).
 * Names are checked at connection time by `guardedLookup`.
 */
export function checkUrlBeforeConnecting(url: URL, options: NetworkGuardOptions, via?: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFetchError(`not an http(s) URL: ${url.toString()}`);
  if (url.username || url.password) throw new FeedFetchError(`refused ${url.toString()}: an address with credentials`);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (BAD_PORTS.has(port)) throw new FeedFetchError(`refused ${url.toString()}: port ${port} is not fetched (the fetch standard's bad ports)`);
  if (options.allowPrivateNetwork) return;
  const literal = literalAddress(url);
  const rule = literal ? nonPublicRule(literal) : undefined;
  if (literal && rule) throw refusal(url.toString(), `${describe(literal)} is`, rule, options, via);
}

/** Throws PrivateNetworkError when any of the addresses a name resolved to is not public. */
export function checkResolved(url: string, hostname: string, addresses: ResolvedAddress[], options: NetworkGuardOptions, via?: string): void {
  if (options.allowPrivateNetwork) return;
  for (const { address } of addresses) {
    const rule = nonPublicRule(address);
    if (rule) throw refusal(url, `${hostname} resolves to ${describe(address)},`, rule, options, via);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect (http/https.request's documented hook): resolves the name, refuses
 * it when any address is not public, and hands the socket exactly the addresses it checked.
 * `onRefused` receives the refusal (the http client may wrap what a lookup reports).
 */
export function guardedLookup(url: string, options: NetworkGuardOptions, onRefused: (error: PrivateNetworkError) => void, via?: string) {
  const resolve = options.resolve ?? systemResolver;
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then((addresses) => {
      if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      try {
        checkResolved(url, hostname, addresses, options, via);
      } catch (error) {
        if (error instanceof PrivateNetworkError) onRefused(error);
        throw error;
      }
      const family = Number(lookupOptions.family) || 0;
      const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
      if (wanted.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (no IPv${family} address)`), { code: 'ENOTFOUND', hostname });
      const connectTo = options.unsafeTestOnlyConnectTo ? wanted.map(options.unsafeTestOnlyConnectTo) : wanted;
      if (lookupOptions.all) callback(null, connectTo.map((a) => ({ address: a.address, family: a.family })));
      else callback(null, connectTo[0].address, connectTo[0].family);
    }).catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

/**
 * `feeds add`'s check of a feed's address when it is added: a non-public literal address, or a
 * name that resolves to one, is refused. A name that does not resolve now is let through (DNS
 * may be down, or the feed not live yet): every poll checks again, where it counts.
 */
export async function checkFetchTarget(url: string, options: NetworkGuardOptions): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new FeedFetchError(`not a URL: ${url}`, { cause: error });
  }
  checkUrlBeforeConnecting(parsed, options);
  if (options.allowPrivateNetwork || literalAddress(parsed)) return;
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(parsed.hostname);
  } catch {
    return;
  }
  checkResolved(parsed.toString(), parsed.hostname, addresses, options);
}

/** The fetch standard's "bad ports" (https://fetch.spec.whatwg.org/#port-blocking), which Node's fetch refused. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554,
  556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666,
  6667, 6668, 6669, 6679, 6697, 10080,
]);
