import { getRouteApi } from "@tanstack/react-router";
import { SupplierEditor } from "./SupplierEditor.js";

const supplierRoute = getRouteApi("/app/suppliers/$supplierId");

/** "/suppliers/<id>". */
export function SupplierPage() {
  const { supplierId } = supplierRoute.useParams();
  return <SupplierEditor key={supplierId} supplierId={supplierId} />;
}

/** "/suppliers/new". */
export function NewSupplierPage() {
  return <SupplierEditor supplierId={null} />;
}
