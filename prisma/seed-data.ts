/** The demo practice's catalogue: realistic GP consumables, medicines and vaccines. */
export const DEMO_ITEMS: {
  name: string;
  manufacturer: string;
  unit: string;
  packSize: number;
  reorderPoint: number;
  batchTracked?: boolean;
}[] = [
  { name: "Nitrile examination gloves, medium", manufacturer: "Medline", unit: "box", packSize: 100, reorderPoint: 10 },
  { name: "Nitrile examination gloves, large", manufacturer: "Medline", unit: "box", packSize: 100, reorderPoint: 8 },
  { name: "Alcohol wipes 70% IPA", manufacturer: "Clinell", unit: "pack", packSize: 200, reorderPoint: 6 },
  { name: "Sterile gauze swabs 10x10 cm", manufacturer: "Robinson Healthcare", unit: "pack", packSize: 100, reorderPoint: 5 },
  { name: "Adhesive dressing 7x5 cm", manufacturer: "Mepore", unit: "box", packSize: 60, reorderPoint: 4 },
  {
    name: "Blood collection tube, EDTA 4 ml",
    manufacturer: "BD Vacutainer",
    unit: "rack",
    packSize: 100,
    reorderPoint: 3,
    batchTracked: true,
  },
  {
    name: "Blood collection tube, SST 5 ml",
    manufacturer: "BD Vacutainer",
    unit: "rack",
    packSize: 100,
    reorderPoint: 3,
    batchTracked: true,
  },
  { name: "Safety needle 21G", manufacturer: "BD Eclipse", unit: "box", packSize: 48, reorderPoint: 4 },
  { name: "Syringe 5 ml luer slip", manufacturer: "BD Plastipak", unit: "box", packSize: 100, reorderPoint: 3 },
  { name: "Syringe 1 ml with 25G needle", manufacturer: "Terumo", unit: "box", packSize: 100, reorderPoint: 3 },
  { name: "Sharps bin 1 litre", manufacturer: "Frontier", unit: "each", packSize: 1, reorderPoint: 6 },
  { name: "Urine specimen pot 60 ml", manufacturer: "Sarstedt", unit: "pack", packSize: 50, reorderPoint: 4 },
  {
    name: "Urine dipstick, 10 parameter",
    manufacturer: "Siemens Multistix",
    unit: "tub",
    packSize: 100,
    reorderPoint: 2,
    batchTracked: true,
  },
  { name: "Tongue depressor, wooden", manufacturer: "Nuova", unit: "box", packSize: 100, reorderPoint: 2 },
  { name: "Disposable speculum, medium", manufacturer: "Welch Allyn", unit: "box", packSize: 25, reorderPoint: 3 },
  { name: "Cervical sampling brush", manufacturer: "Rovers", unit: "pack", packSize: 100, reorderPoint: 2 },
  { name: "Paracetamol 500 mg tablets", manufacturer: "Accord", unit: "pack", packSize: 32, reorderPoint: 5, batchTracked: true },
  { name: "Adrenaline 1 mg/ml ampoule", manufacturer: "Martindale", unit: "box", packSize: 10, reorderPoint: 2, batchTracked: true },
  { name: "Salbutamol 100 mcg inhaler", manufacturer: "GSK Ventolin", unit: "each", packSize: 1, reorderPoint: 3, batchTracked: true },
  { name: "Influenza vaccine (QIVe) 0.5 ml", manufacturer: "Viatris", unit: "syringe", packSize: 10, reorderPoint: 20, batchTracked: true },
  { name: "Pneumococcal vaccine PPV23", manufacturer: "MSD", unit: "vial", packSize: 1, reorderPoint: 5, batchTracked: true },
  {
    name: "Tetanus/diphtheria/polio vaccine",
    manufacturer: "Sanofi Revaxis",
    unit: "syringe",
    packSize: 1,
    reorderPoint: 5,
    batchTracked: true,
  },
  { name: "Sodium chloride 0.9% 10 ml", manufacturer: "B. Braun", unit: "box", packSize: 20, reorderPoint: 2, batchTracked: true },
  { name: "Lidocaine 1% 5 ml ampoule", manufacturer: "Hameln", unit: "box", packSize: 10, reorderPoint: 2, batchTracked: true },
  { name: "Suture kit, disposable", manufacturer: "Instramed", unit: "each", packSize: 1, reorderPoint: 5 },
  { name: "Steri-Strip 6x75 mm", manufacturer: "3M", unit: "box", packSize: 50, reorderPoint: 2 },
  { name: "ECG electrodes", manufacturer: "Ambu", unit: "pack", packSize: 50, reorderPoint: 4 },
  { name: "Glucose test strips", manufacturer: "Roche Accu-Chek", unit: "tub", packSize: 50, reorderPoint: 3, batchTracked: true },
  { name: "Disposable apron, white", manufacturer: "Polyco", unit: "roll", packSize: 200, reorderPoint: 2 },
  { name: "Fluid-resistant surgical mask IIR", manufacturer: "Bunzl", unit: "box", packSize: 50, reorderPoint: 4 },
];
