/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and the Prisma client are server-only Node modules.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // A whole postmortem (narrative up to 200,000 characters plus up to 200 rows per list)
    // is sent in one server action; lib/incidents/form.ts FORM_JSON_MAX stays below this.
    // proxy.ts answers 413 above it (lib/http/request-checks.ts ACTION_BODY_MAX_BYTES, kept equal by a test).
    serverActions: { bodySizeLimit: '4mb' },
  },
  // The fixed security headers, for the static files proxy.ts does not run for
  // (it sets these and the per-request CSP and HSTS on everything else).
  // Kept equal to lib/http/security-headers.ts FIXED_SECURITY_HEADERS by a test.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          {
            key: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
          },
        ],
      },
    ];
  },
};

export default nextConfig;
