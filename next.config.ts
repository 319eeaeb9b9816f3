import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@node-rs/argon2", "pg", "linkedom", "exceljs"],
  typedRoutes: false,
};

export default nextConfig;
