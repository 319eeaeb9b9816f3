import { notFound } from "next/navigation";
import { throwIfErrorProbe } from "@/lib/http/error-probe";

type Props = { params: Promise<{ rest: string[] }> };

/**
 * Any path inside a municipality's workspace that no page matches. The workspace layout has already checked
 * membership (a non-member gets the same 404 as for any other page); a member gets it inside the workspace.
 */
export default async function UnknownWorkspacePath({ params }: Props): Promise<never> {
  throwIfErrorProbe((await params).rest);
  notFound();
}
