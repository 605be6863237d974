/**
 * What every field made of a FormField around one control takes (TextField, SelectField,
 * ImportFileField): the control's id, its label, a hint, the error in its own words, and whether
 * the error is said aloud as it appears (for a field with no error summary above it).
 */
export interface LabelledFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  announce?: boolean;
}
