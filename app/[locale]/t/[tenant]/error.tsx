"use client";

import { useParams } from "next/navigation";
import { PageErrorMessage } from "@/components/shell/PageErrorMessage";

/** An unexpected error in a workspace page: under the workspace's header and navigation, back to its home. */
export default function WorkspaceError(props: { error: Error & { digest?: string }; reset: () => void }) {
  const params = useParams<{ locale: string; tenant: string }>();
  return <PageErrorMessage {...props} back={`/${params.locale}/t/${params.tenant}`} inMain />;
}
