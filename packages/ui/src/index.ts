export { cn, type ClassValue } from './cn.ts';
export { Button, type ButtonProps } from './button.tsx';
export { Badge, type BadgeProps } from './badge.tsx';
export { Card, CardHeader, CardTitle, CardDescription, CardContent, CardFooter } from './card.tsx';
export { Table, TableHeader, TableBody, TableRow, TableHead, TableCell, TableCaption } from './table.tsx';
export {
  Dialog,
  DialogTrigger,
  DialogClose,
  DialogContent,
  DialogHeader,
  DialogFooter,
  DialogTitle,
  DialogDescription,
} from './dialog.tsx';
export { Progress } from './progress.tsx';
export { BarChart, type BarAxis, type BarDatum } from './bar-chart.tsx';
