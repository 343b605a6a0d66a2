;; The floors the benchmark measures its kernels against, hand-written so
;; that no compiler choice hides in them. Assembled at bench time with
;; binaryen (bench/floor.mjs); never shipped.
;;   nop                 an empty call: what crossing the boundary costs
;;   args16(a0 … a15)    the sum of 16 i32 arguments: an array's elements
;;                       passed in the call itself instead of through memory
;;   fill16(p)           fill_doubles of 16 u32 at p (0, 2, 4, … 30): four
;;                       v128 stores of constants, the least the work can be
;;   sum16(p)            the wrapping sum of 16 u32 at p: four v128 loads,
;;                       three i32x4.add and the lanes added
;;   max  (p, n)         the f32x4.pmax pass of normalize over n f32 at p
;;   div  (p, n, d)      the f32x4.div pass of normalize, in place
;;   recip(p, n, d)      the same quotients through an f64 reciprocal:
;;                       promote two lanes, f64x2.mul by 1/d, demote
;; n must be a multiple of 4 and p 16-aligned.
(module
 (memory (export "memory") 1)
 (func (export "nop"))
 (func (export "args16") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
  (i32.add
   (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3)))
            (i32.add (i32.add (local.get 4) (local.get 5)) (i32.add (local.get 6) (local.get 7))))
   (i32.add (i32.add (i32.add (local.get 8) (local.get 9)) (i32.add (local.get 10) (local.get 11)))
            (i32.add (i32.add (local.get 12) (local.get 13)) (i32.add (local.get 14) (local.get 15))))))
 (func (export "fill16") (param $p i32)
  (v128.store (local.get $p) (v128.const i32x4 0 2 4 6))
  (v128.store offset=16 (local.get $p) (v128.const i32x4 8 10 12 14))
  (v128.store offset=32 (local.get $p) (v128.const i32x4 16 18 20 22))
  (v128.store offset=48 (local.get $p) (v128.const i32x4 24 26 28 30)))
 (func (export "sum16") (param $p i32) (result i32)
  (local $a v128)
  (local.set $a
   (i32x4.add
    (i32x4.add (v128.load (local.get $p)) (v128.load offset=16 (local.get $p)))
    (i32x4.add (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p)))))
  (i32.add
   (i32.add (i32x4.extract_lane 0 (local.get $a)) (i32x4.extract_lane 1 (local.get $a)))
   (i32.add (i32x4.extract_lane 2 (local.get $a)) (i32x4.extract_lane 3 (local.get $a)))))
 (func (export "max") (param $p i32) (param $n i32) (result f32)
  (local $e i32) (local $a v128) (local $b v128)
  (local.set $a (f32x4.splat (f32.const -inf)))
  (local.set $b (local.get $a))
  (local.set $e (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
  (block $done
   (br_if $done (i32.lt_u (local.get $n) (i32.const 8)))
   (loop $l
    (local.set $a (f32x4.pmax (local.get $a) (v128.load (local.get $p))))
    (local.set $b (f32x4.pmax (local.get $b) (v128.load offset=16 (local.get $p))))
    (local.set $p (i32.add (local.get $p) (i32.const 32)))
    (br_if $l (i32.lt_u (local.get $p) (local.get $e)))))
  (local.set $a (f32x4.pmax (local.get $a) (local.get $b)))
  (f32.max (f32.max (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
           (f32.max (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
 (func (export "div") (param $p i32) (param $n i32) (param $d f32)
  (local $e i32) (local $dv v128)
  (local.set $dv (f32x4.splat (local.get $d)))
  (local.set $e (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
  (block $done
   (br_if $done (i32.eqz (local.get $n)))
   (loop $l
    (v128.store (local.get $p) (f32x4.div (v128.load (local.get $p)) (local.get $dv)))
    (local.set $p (i32.add (local.get $p) (i32.const 16)))
    (br_if $l (i32.lt_u (local.get $p) (local.get $e))))))
 (func (export "recip") (param $p i32) (param $n i32) (param $d f32)
  (local $e i32) (local $r v128)
  (local.set $r (f64x2.splat (f64.div (f64.const 1) (f64.promote_f32 (local.get $d)))))
  (local.set $e (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
  (block $done
   (br_if $done (i32.eqz (local.get $n)))
   (loop $l
    (v128.store64_lane 0 (local.get $p)
     (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))) (local.get $r))))
    (v128.store64_lane offset=8 0 (local.get $p)
     (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $p))) (local.get $r))))
    (local.set $p (i32.add (local.get $p) (i32.const 16)))
    (br_if $l (i32.lt_u (local.get $p) (local.get $e))))))
)
