export function FormError({ message, id }: { message: string | null; id: string }) {
  if (!message) return null;
  return (
    <p className="form-error" data-testid="form-error" id={id} role="alert">
      {message}
    </p>
  );
}
