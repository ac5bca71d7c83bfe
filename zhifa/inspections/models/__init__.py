"""涉企检查: plans, draws (双随机), pre-filing, on-site records, ratings, joint visits."""
