import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@node-rs/argon2", "pg", "linkedom", "exceljs"],
  typedRoutes: false,
  experimental: {
    // Turbopack's build cache (on by default) speeds up the next build on the same checkout, but writing it costs
    // a build on a clean clone ~40 s of CPU that nothing reuses: `npm test` turns it off under CI.
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== "0",
    // The proxy buffers request bodies up to this size (default 10 MB): an import may be 10 MB plus the form's
    // envelope. Larger uploads are refused by the import route from their Content-Length.
    proxyClientMaxBodySize: "11mb",
  },
};

export default nextConfig;
