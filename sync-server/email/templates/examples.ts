/**
 * Example data for every email kind: a fully filled and a minimally filled variant. Used by the tests
 * (every example must render with no leftover placeholder) and handy for previewing the templates.
 */
import type { EmailDataInput, EmailKind } from "./index.js";

export const EMAIL_EXAMPLES: { [K in EmailKind]: { full: EmailDataInput<K>; minimal: EmailDataInput<K> } } = {
  order: {
    full: {
      orderId: "3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01",
      reference: "RMP-0042",
      practice: { name: "Riverside Medical Practice", addressLine: "12 Mill Lane, Riverside RV1 2AB" },
      deliveryLocation: { name: "Treatment room store" },
      supplier: { name: "Acme Medical Supplies", accountNumber: "ACC-55120" },
      lines: [
        {
          supplierSku: "NG-M-100",
          name: "Nitrile gloves, medium",
          quantity: 4,
          packSize: 100,
          unit: "each",
          unitPrice: "5.9900",
          currency: "GBP",
        },
        {
          supplierSku: "SYR-5ML",
          name: "Syringe 5 ml, Luer slip",
          quantity: 3,
          packSize: 50,
          unit: "each",
          unitPrice: "0.1250",
          currency: "GBP",
        },
        { supplierSku: null, name: "Sharps bin 1 litre", quantity: 6, packSize: 1, unit: "each", unitPrice: null, currency: "GBP" },
      ],
      notes: "Please deliver before 10:00 on weekdays.\nRing the side door bell.",
      orderedBy: { name: "Jane Smith", email: "jane.smith@riverside.example" },
    },
    minimal: {
      orderId: "7b1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
      reference: "RMP-0001",
      practice: { name: "Riverside Medical Practice" },
      deliveryLocation: null,
      supplier: { name: "Acme Medical Supplies" },
      lines: [{ name: "Plasters, assorted", quantity: 1, packSize: 1, currency: "GBP" }],
      orderedBy: { name: "Jane Smith", email: "jane.smith@riverside.example" },
    },
  },
  invite: {
    full: {
      practiceName: "Riverside Medical Practice",
      inviterName: "Dr Amir Khan",
      role: "ADMIN",
      acceptUrl: "https://app.venzory.example/invite/accept?token=abc123&practice=riverside",
      expiresAt: "2026-07-14T09:30:00Z",
    },
    minimal: {
      practiceName: "Riverside Medical Practice",
      inviterName: "Amir",
      role: "VIEWER",
      acceptUrl: "http://localhost:3000/invite/abc",
      expiresAt: "2026-01-05T17:00:00+00:00",
    },
  },
  magic_link: {
    full: {
      userName: "Jane Smith",
      signInUrl: "https://app.venzory.example/auth/magic?token=abc123&redirect=%2Forders",
      expiresInMinutes: 15,
    },
    minimal: { signInUrl: "http://localhost:3000/auth/magic?token=x", expiresInMinutes: 1 },
  },
  password_reset: {
    full: { userName: "Jane Smith", resetUrl: "https://app.venzory.example/auth/reset?token=abc123&u=42", expiresInMinutes: 60 },
    minimal: { resetUrl: "http://localhost:3000/auth/reset?token=x", expiresInMinutes: 30 },
  },
  signup_confirmation: {
    full: {
      userName: "Jane Smith",
      practiceName: "Riverside Medical Practice",
      confirmUrl: "https://app.venzory.example/auth/magic?token=abc123",
      expiresInMinutes: 24 * 60,
    },
    minimal: { userName: "J", practiceName: "R", confirmUrl: "http://localhost:3000/auth/magic?token=x", expiresInMinutes: 1 },
  },
};
